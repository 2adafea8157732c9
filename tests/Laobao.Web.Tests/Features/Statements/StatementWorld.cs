extern alias ops;

using Laobao.Web.Data;
using Laobao.Web.Features.Inquiry.ReadModel;
using Laobao.Web.Features.Statements;
using Laobao.Web.Security;
using Laobao.Web.Tests.Security;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using ops::Laobao.Ops.Pki;

namespace Laobao.Web.Tests.Features.Statements;

/// <summary>A migrated store with <see cref="StatementPeople"/>, a real development document-signing CA, and the statement service over them.</summary>
public sealed class StatementWorld : IAsyncDisposable
{
    public const string Origin = "https://laobao.example";

    private StatementWorld(TestDatabase database, DocumentSigningPki pki, string folder)
    {
        Database = database;
        Pki = pki;
        Folder = folder;
        Signer = StatementSigner.For(pki.Signer, [pki.Ca]);
    }

    public TestDatabase Database { get; }

    public DocumentSigningPki Pki { get; }

    public StatementSigner Signer { get; }

    public string Folder { get; }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 3, 2, 1, 0, 0, TimeSpan.Zero));

    public static async Task<StatementWorld> CreateAsync(DatabaseProvider provider = DatabaseProvider.Sqlite)
    {
        var database = await TestDatabase.CreateAsync(provider);
        await using (var db = database.Settings.CreateContext())
        {
            await StatementPeople.AddAsync(db);
        }

        var folder = Directory.CreateTempSubdirectory("laobao-statements-").FullName;
        return new StatementWorld(database, DocumentSigningPki.Create(TimeProvider.System), folder);
    }

    public StatementService Service(LaobaoDbContext db) => new(
        db,
        new PersonInquiryReader(db, Time),
        Signer,
        Options.Create(new StatementOptions()),
        Options.Create(new DeskOptions { Origin = Origin }),
        Time);

    /// <summary>Issues one statement and writes it to a file in the world's folder.</summary>
    public async Task<(IssuedStatement Statement, string File)> IssueAsync(string id, string kind)
    {
        await using var db = Database.Settings.CreateContext();
        var statement = await Service(db).IssueAsync(id, kind, StatementPeople.AsOf, CancellationToken.None);
        Assert.NotNull(statement);
        var file = Path.Combine(Folder, $"{id}-{kind}-{statement.Code}.pdf");
        await File.WriteAllBytesAsync(file, statement.Pdf);
        return (statement, file);
    }

    public async Task<PersonInquiry> InquiryAsync(string id)
    {
        await using var db = Database.Settings.CreateContext();
        return (await new PersonInquiryReader(db, Time).ReadAsync(id, StatementPeople.AsOf))!;
    }

    public async ValueTask DisposeAsync()
    {
        Signer.Dispose();
        Pki.Dispose();
        await Database.DisposeAsync();
        Directory.Delete(Folder, recursive: true);
    }
}
