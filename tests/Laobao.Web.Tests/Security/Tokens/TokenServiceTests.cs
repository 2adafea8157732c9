using Laobao.Web.Data;
using Laobao.Web.Features.MobileAccount;
using Laobao.Web.Security.Tokens;
using Laobao.Web.Tests.Features.MobileApi;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace Laobao.Web.Tests.Security.Tokens;

public sealed class TokenServiceTests
{
    private const string Person = "A123456789";
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 3, 1, 8, 0, 0, TimeSpan.Zero));

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task WhenTenMinutesPassThenAccessTokenExpires(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.Context();
        await ActiveAccountAsync(database);
        var tokens = new TokenService(db, time);
        var device = Guid.NewGuid();
        var issued = await tokens.IssueAsync(Person, device, null, CancellationToken.None);

        Assert.True(issued.AccessToken.Length >= 43, "32 random bytes in base64url are 43 characters");
        Assert.Equal(600, issued.ExpiresIn);
        Assert.Equal(new TokenPrincipal(Person, device, issued.FamilyId), await tokens.ValidateAccessAsync(issued.AccessToken, CancellationToken.None));

        time.Advance(TimeSpan.FromMinutes(9) + TimeSpan.FromSeconds(59));
        Assert.NotNull(await tokens.ValidateAccessAsync(issued.AccessToken, CancellationToken.None));
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Null(await tokens.ValidateAccessAsync(issued.AccessToken, CancellationToken.None));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task WhenRefreshedThenTokensRotateAndOldAccessEnds(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.Context();
        await ActiveAccountAsync(database);
        var tokens = new TokenService(db, time);
        var device = Guid.NewGuid();
        var first = await tokens.IssueAsync(Person, device, null, CancellationToken.None);

        var second = await tokens.RefreshAsync(first.RefreshToken, device, CancellationToken.None);

        Assert.Equal(RefreshOutcome.Rotated, second.Outcome);
        Assert.NotEqual(first.RefreshToken, second.Tokens!.RefreshToken);
        Assert.Equal(first.FamilyId, second.Tokens.FamilyId);
        Assert.Null(await tokens.ValidateAccessAsync(first.AccessToken, CancellationToken.None));
        Assert.NotNull(await tokens.ValidateAccessAsync(second.Tokens.AccessToken, CancellationToken.None));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task WhenOldRefreshTokenIsReusedThenTheWholeFamilyIsRevoked(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.Context();
        await ActiveAccountAsync(database);
        var tokens = new TokenService(db, time);
        var device = Guid.NewGuid();
        var first = await tokens.IssueAsync(Person, device, null, CancellationToken.None);
        var second = (await tokens.RefreshAsync(first.RefreshToken, device, CancellationToken.None)).Tokens!;

        var replay = await tokens.RefreshAsync(first.RefreshToken, device, CancellationToken.None);

        Assert.Equal(RefreshOutcome.Reused, replay.Outcome);
        Assert.Null(await tokens.ValidateAccessAsync(second.AccessToken, CancellationToken.None));
        Assert.Equal(RefreshOutcome.Invalid, (await tokens.RefreshAsync(second.RefreshToken, device, CancellationToken.None)).Outcome);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    public async Task WhenAnotherDevicePresentsTheRefreshTokenOrItExpiredThenItIsInvalid(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.Context();
        await ActiveAccountAsync(database);
        var tokens = new TokenService(db, time);
        var device = Guid.NewGuid();
        var issued = await tokens.IssueAsync(Person, device, null, CancellationToken.None);

        Assert.Equal(RefreshOutcome.Invalid, (await tokens.RefreshAsync(issued.RefreshToken, Guid.NewGuid(), CancellationToken.None)).Outcome);
        Assert.Equal(RefreshOutcome.Invalid, (await tokens.RefreshAsync("made-up", device, CancellationToken.None)).Outcome);
        time.Advance(TokenService.RefreshLifetime);
        Assert.Equal(RefreshOutcome.Invalid, (await tokens.RefreshAsync(issued.RefreshToken, device, CancellationToken.None)).Outcome);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task WhenDeviceIsRevokedThenAllItsSessionsEnd(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.Context();
        await ActiveAccountAsync(database);
        var tokens = new TokenService(db, time);
        var device = Guid.NewGuid();
        var other = Guid.NewGuid();
        var a = await tokens.IssueAsync(Person, device, null, CancellationToken.None);
        var b = await tokens.IssueAsync(Person, device, null, CancellationToken.None);
        var kept = await tokens.IssueAsync(Person, other, null, CancellationToken.None);

        await tokens.RevokeDeviceAsync(device, CancellationToken.None);

        Assert.Null(await tokens.ValidateAccessAsync(a.AccessToken, CancellationToken.None));
        Assert.Null(await tokens.ValidateAccessAsync(b.AccessToken, CancellationToken.None));
        Assert.Equal(RefreshOutcome.Invalid, (await tokens.RefreshAsync(b.RefreshToken, device, CancellationToken.None)).Outcome);
        Assert.NotNull(await tokens.ValidateAccessAsync(kept.AccessToken, CancellationToken.None));
    }

    [Fact]
    public async Task StoredTokensAreHashesOnly()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var db = database.Context();
        var issued = await new TokenService(db, time).IssueAsync(Person, Guid.NewGuid(), null, CancellationToken.None);
        var access = Assert.Single(db.Set<MobileAccessToken>().ToList());
        var refresh = Assert.Single(db.Set<MobileRefreshToken>().ToList());
        Assert.NotEqual(issued.AccessToken, access.TokenHash);
        Assert.Equal(64, access.TokenHash.Length);
        Assert.NotEqual(issued.RefreshToken, refresh.TokenHash);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task WhenTheAccountIsNoLongerActiveThenItsTokensAndRefreshesAreRefused(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.Context();
        await ActiveAccountAsync(database);
        var tokens = new TokenService(db, time);
        var device = Guid.NewGuid();
        var issued = await tokens.IssueAsync(Person, device, null, CancellationToken.None);
        Assert.NotNull(await tokens.ValidateAccessAsync(issued.AccessToken, CancellationToken.None));

        await db.Set<Laobao.Web.Features.MobileAccount.MobileAccount>().ExecuteUpdateAsync(s => s.SetProperty(a => a.Status, MobileAccountStatus.Closed));

        Assert.Null(await tokens.ValidateAccessAsync(issued.AccessToken, CancellationToken.None));
        Assert.Equal(RefreshOutcome.Invalid, (await tokens.RefreshAsync(issued.RefreshToken, device, CancellationToken.None)).Outcome);
    }

    /// <summary>Tokens speak for a person with an active mobile services account.</summary>
    private async Task ActiveAccountAsync(TestDatabase database)
    {
        await database.AddPersonAsync(Person, "王小明", new DateOnly(1971, 1, 2));
        await using var db = database.Context();
        await Accounts.AddAsync(db, Person, "wang@example.tw", Accounts.WangPassword, MobileAccountStatus.Active, time.GetUtcNow().UtcDateTime);
    }
}
