using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using Laobao.Web.Data;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Laobao.Bench;

/// <summary>
/// The yardstick: a bare Kestrel endpoint doing what GET /api/v1/me/coverage does in the database — look the token
/// up by its hash, read the person, the coverage segments with their units, the pension contributions with their
/// units and the earnings, write one audit row — through raw ADO.NET, and answer with the rows as JSON.
/// No EF Core, no authentication handler, no read model, no formatting.
/// It runs in its own process (<c>Laobao.Bench bare-server</c>), like the web host, so neither side shares a
/// process, a thread pool or a garbage collector with the load generator.
/// </summary>
internal sealed class BareInquiryEndpoint : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly NpgsqlDataSource? postgres;

    private BareInquiryEndpoint(WebApplication app, NpgsqlDataSource? postgres)
    {
        this.app = app;
        this.postgres = postgres;
    }

    public string Url => app.Urls.First();

    /// <summary>The child-process entry: <c>bare-server --provider P --connection C --urls http://127.0.0.1:PORT</c>; stops on stdin EOF or a signal.</summary>
    public static async Task<int> ServeAsync(string[] args)
    {
        var settings = new DatabaseSettings(BenchOptions.Provider(args), BenchOptions.Get(args, "--connection") ?? throw new ArgumentException("--connection CONNECTION is needed"));
        await using var endpoint = await StartAsync(settings, BenchOptions.Get(args, "--urls") ?? "http://127.0.0.1:0");
        await Console.Error.WriteLineAsync($"listening on {endpoint.Url}, server GC {System.Runtime.GCSettings.IsServerGC}");
        await endpoint.app.WaitForShutdownAsync();
        return 0;
    }

    public static async Task<BareInquiryEndpoint> StartAsync(DatabaseSettings settings, string urls)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(urls);
        var app = builder.Build();
        var postgres = settings.Provider == DatabaseProvider.Postgres ? NpgsqlDataSource.Create(settings.ConnectionString) : null;
        var endpoint = new BareInquiryEndpoint(app, postgres);
        app.MapGet("/bare/coverage", (HttpContext context) => endpoint.HandleAsync(context, settings));
        app.MapGet("/healthz", () => "ok");
        await app.StartAsync();
        return endpoint;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
        if (postgres is not null)
        {
            await postgres.DisposeAsync();
        }
    }

    private async Task HandleAsync(HttpContext context, DatabaseSettings settings)
    {
        var header = context.Request.Headers.Authorization.ToString();
        var token = header.StartsWith("Bearer ", StringComparison.Ordinal) ? header[7..] : "";
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
        await using var connection = postgres is not null ? (DbConnection)await postgres.OpenConnectionAsync() : await OpenSqliteAsync(settings.ConnectionString);
        var id = (string?)await ScalarAsync(connection, "SELECT person_id_number FROM mobile_access_tokens WHERE token_hash = @p AND revoked_at IS NULL AND expires_at > @now", hash, DateTime.UtcNow);
        if (id is null)
        {
            context.Response.StatusCode = 401;
            return;
        }

        var json = new StringBuilder(4096).Append('{');
        await RowsAsync(connection, json, "person", "SELECT id_number, name, birth_date, residence, pension_scheme, pension_since FROM persons WHERE id_number = @p", id);
        await RowsAsync(connection, json, "segments",
            "SELECT s.unit_code, u.name, s.kind, s.period_start, s.period_end, s.segment_start, s.segment_end, s.insured_salary FROM coverage_segments s JOIN insured_units u ON u.unit_code = s.unit_code WHERE s.id_number = @p", id);
        await RowsAsync(connection, json, "contributions",
            "SELECT c.month, c.unit_code, u.name, c.wage, c.employer_amount, c.voluntary_amount FROM pension_contributions c JOIN insured_units u ON u.unit_code = c.unit_code WHERE c.id_number = @p", id);
        await RowsAsync(connection, json, "earnings", "SELECT year, amount FROM pension_earnings WHERE id_number = @p", id);
        json.Length--;
        json.Append('}');
        await using (var audit = connection.CreateCommand())
        {
            audit.CommandText = "INSERT INTO audit_records (at, action, outcome, subject_id_number, subject_masked, client_address) VALUES (@at, 'coverage-view', 'ok', @p, 'masked', '127.0.0.1')";
            Add(audit, "@at", DateTime.UtcNow);
            Add(audit, "@p", id);
            await audit.ExecuteNonQueryAsync();
        }

        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(json.ToString());
    }

    private static async Task<DbConnection> OpenSqliteAsync(string connectionString)
    {
        var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        return connection;
    }

    private static async Task<object?> ScalarAsync(DbConnection connection, string sql, string p, DateTime now)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        Add(command, "@p", p);
        Add(command, "@now", now);
        return await command.ExecuteScalarAsync();
    }

    private static async Task RowsAsync(DbConnection connection, StringBuilder json, string name, string sql, string id)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        Add(command, "@p", id);
        await using var reader = await command.ExecuteReaderAsync();
        json.Append('"').Append(name).Append("\":[");
        var any = false;
        while (await reader.ReadAsync())
        {
            json.Append('[');
            for (var i = 0; i < reader.FieldCount; i++)
            {
                json.Append('"').Append(reader.IsDBNull(i) ? "" : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture)).Append("\",");
            }

            json.Length--;
            json.Append("],");
            any = true;
        }

        if (any)
        {
            json.Length--;
        }

        json.Append("],");
    }

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
