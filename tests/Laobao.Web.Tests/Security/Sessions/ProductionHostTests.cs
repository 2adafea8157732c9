using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Laobao.Web.Data;
using Laobao.Web.Security.Sessions;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Laobao.Web.Tests.Security.Sessions;

/// <summary>
/// The web host as an operator runs it (environment Production, appsettings.json as shipped): Data Protection keys
/// encrypted at rest with the configured certificate, no start without one, and no SQL text in the log below Warning.
/// </summary>
public sealed class ProductionHostTests : IAsyncLifetime
{
    private TestDatabase database = null!;
    private readonly string folder = Directory.CreateTempSubdirectory("laobao-production-").FullName;

    public async Task InitializeAsync() => database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);

    public async Task DisposeAsync()
    {
        await database.DisposeAsync();
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task Stored_Data_Protection_keys_are_encrypted_with_the_certificate_and_a_restarted_node_reads_them()
    {
        var pfx = DataProtectionCertificate.WritePfx(folder, "a password of the operator's");
        byte[] protectedBytes;
        await using (var host = new ProductionHost(database, new() { ["DataProtection:CertificatePath"] = pfx, ["DataProtection:CertificatePassword"] = "a password of the operator's" }))
        {
            using var client = host.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false });
            // The login page sets the antiforgery cookie: the first key is made and stored then.
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/desk/login")).StatusCode);
            protectedBytes = host.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Protect([1, 2, 3]);
        }

        await using (var db = database.Context())
        {
            var rows = await db.Set<DataProtectionKeyRecord>().AsNoTracking().ToListAsync();
            Assert.NotEmpty(rows);
            Assert.All(rows, row =>
            {
                Assert.Contains("<encryptedSecret", row.Xml, StringComparison.Ordinal);
                Assert.Contains("EncryptedXmlDecryptor", row.Xml, StringComparison.Ordinal);
                Assert.DoesNotContain("<masterKey", row.Xml, StringComparison.Ordinal);
                Assert.DoesNotContain("<value>", row.Xml, StringComparison.Ordinal);
            });
        }

        // Another node (or the same after a restart) with the same certificate reads the stored key.
        await using var second = new ProductionHost(database, new() { ["DataProtection:CertificatePath"] = pfx, ["DataProtection:CertificatePassword"] = "a password of the operator's" });
        Assert.Equal([1, 2, 3], second.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Unprotect(protectedBytes));
    }

    [Fact]
    public async Task A_PEM_certificate_with_its_key_in_another_file_works_too()
    {
        var (certificate, key) = DataProtectionCertificate.WritePem(folder);
        await using var host = new ProductionHost(database, new() { ["DataProtection:CertificatePath"] = certificate, ["DataProtection:KeyPath"] = key });
        using var client = host.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false });
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/desk/login")).StatusCode);

        await using var db = database.Context();
        Assert.All(await db.Set<DataProtectionKeyRecord>().AsNoTracking().ToListAsync(), row => Assert.Contains("<encryptedSecret", row.Xml, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_demo_makes_its_own_certificate_on_first_start_and_encrypts_with_it()
    {
        // ./demo.sh names a file in its state folder that does not exist yet.
        var path = Path.Combine(folder, "demo", "data-protection.pfx");
        await using (var host = new ProductionHost(database, new() { ["DataProtection:CertificatePath"] = path, ["Demo:CrlFolder"] = "" }, environment: "Demo"))
        {
            using var client = host.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false });
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/desk/login")).StatusCode);
        }

        Assert.True(File.Exists(path), "the demo did not make its certificate");
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        }
        using (var certificate = X509CertificateLoader.LoadPkcs12FromFile(path, null))
        {
            Assert.True(certificate.HasPrivateKey);
        }

        await using var db = database.Context();
        var rows = await db.Set<DataProtectionKeyRecord>().AsNoTracking().ToListAsync();
        Assert.NotEmpty(rows);
        Assert.All(rows, row => Assert.Contains("<encryptedSecret", row.Xml, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_Production_run_logs_no_SQL_text_at_Information()
    {
        var pfx = DataProtectionCertificate.WritePfx(folder, "pw");
        var settings = new Dictionary<string, string?> { ["DataProtection:CertificatePath"] = pfx, ["DataProtection:CertificatePassword"] = "pw" };
        var log = new CapturingLoggerProvider();
        await using (var host = new ProductionHost(database, settings, log))
        {
            await RunSomeRequestsAsync(host);
        }

        Assert.Contains(log.Lines, l => l.Level == LogLevel.Information);
        Assert.DoesNotContain(log.Lines, l => l.Level < LogLevel.Warning && LooksLikeSql(l));

        // The same run with EF's command log switched on does show SQL here: the capture above would have seen it.
        var control = new CapturingLoggerProvider();
        settings["Logging:LogLevel:Microsoft.EntityFrameworkCore.Database.Command"] = "Information";
        await using (var host = new ProductionHost(database, settings, control))
        {
            await RunSomeRequestsAsync(host);
        }

        Assert.Contains(control.Lines, l => l.Level == LogLevel.Information && LooksLikeSql(l));
    }

    private static bool LooksLikeSql(LogLine line) =>
        line.Category.StartsWith("Microsoft.EntityFrameworkCore.Database", StringComparison.Ordinal)
        || System.Text.RegularExpressions.Regex.IsMatch(line.Message, @"\b(SELECT|INSERT INTO|UPDATE|DELETE FROM)\b.*\b(FROM|VALUES|SET|WHERE)\b", System.Text.RegularExpressions.RegexOptions.Singleline);

    private static async Task RunSomeRequestsAsync(ProductionHost host)
    {
        using var client = host.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false });
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/desk/login")).StatusCode);
        // A sign-in challenge writes a row; a refused sign-in reads accounts and devices and writes audit rows.
        using var challenge = await client.PostAsync("/api/v1/sessions/challenge", new StringContent("{\"deviceId\":\"" + Guid.NewGuid() + "\"}", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Unauthorized, challenge.StatusCode);
        using var signIn = await client.PostAsync("/api/v1/sessions", new StringContent(
            "{\"email\":\"a@example.tw\",\"password\":\"x\",\"deviceId\":\"" + Guid.NewGuid() + "\",\"nonce\":\"n\",\"signature\":\"s\"}", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Unauthorized, signIn.StatusCode);
    }

    /// <summary>The host with appsettings.json as shipped, in Production, plus the given settings.</summary>
    private sealed class ProductionHost(TestDatabase database, Dictionary<string, string?> settings, ILoggerProvider? logs = null, string environment = "Production") : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment(environment);
            builder.UseSetting("Database:Provider", database.Settings.Provider.ToString());
            builder.UseSetting("ConnectionStrings:Laobao", database.Settings.ConnectionString);
            builder.UseSetting("Desk:Origin", "https://localhost");
            builder.UseSetting("Mail:LocalMailbox", "true");
            foreach (var (key, value) in settings)
            {
                builder.UseSetting(key, value);
            }

            if (logs is not null)
            {
                builder.ConfigureLogging(logging => logging.AddProvider(logs));
            }
        }
    }
}

public sealed record LogLine(string Category, LogLevel Level, string Message);

/// <summary>Every line the host logs, as the configured filters let it through (the providers' common rules apply).</summary>
public sealed class CapturingLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<LogLine> lines = new();

    public IReadOnlyCollection<LogLine> Lines => lines;

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, lines);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<LogLine> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            lines.Enqueue(new LogLine(category, logLevel, formatter(state, exception)));
    }
}

/// <summary>RSA certificates for Data Protection, made by the test the way an operator would with openssl.</summary>
public static class DataProtectionCertificate
{
    public static string WritePfx(string folder, string password)
    {
        using var certificate = Create();
        var path = Path.Combine(folder, $"dp-{Guid.NewGuid():N}.pfx");
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pkcs12, password));
        return path;
    }

    public static (string Certificate, string Key) WritePem(string folder)
    {
        using var certificate = Create();
        using var rsa = certificate.GetRSAPrivateKey()!;
        var cert = Path.Combine(folder, "dp.crt");
        var key = Path.Combine(folder, "dp.key");
        File.WriteAllText(cert, certificate.ExportCertificatePem());
        File.WriteAllText(key, rsa.ExportPkcs8PrivateKeyPem());
        return (cert, key);
    }

    private static X509Certificate2 Create()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=Laobao Data Protection test", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
    }
}
