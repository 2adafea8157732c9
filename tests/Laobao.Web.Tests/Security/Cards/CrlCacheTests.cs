extern alias ops;

using System.Security.Cryptography.X509Certificates;
using ops::Laobao.Ops.Pki;
using Laobao.Web.Security.Cards;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Laobao.Web.Tests.Security.Cards;

/// <summary>
/// The e-desk's own CRL cache against real CRLs of a development PKI served over HTTP on loopback, with the clock of
/// a <see cref="Microsoft.Extensions.Time.Testing.FakeTimeProvider"/>: fetches are counted at the server.
/// </summary>
public sealed class CrlCacheTests
{
    private const string Id = SignInScenario.IdNumber;

    [Fact]
    public async Task A_listed_serial_is_revoked_and_an_unlisted_one_good_from_one_fetch()
    {
        await using var world = CardWorld.Create();
        using var revoked = world.IssueCard(Id);
        using var good = world.IssueCard(Id);
        world.Revoke(revoked);
        using var cache = NewCache(world);

        Assert.Equal(CrlStatus.Revoked, await cache.StatusAsync(revoked, world.Pki.Intermediate, CancellationToken.None));
        Assert.Equal(CrlStatus.Good, await cache.StatusAsync(good, world.Pki.Intermediate, CancellationToken.None));
        Assert.Equal(1, world.Crls.Requests);
    }

    [Fact]
    public async Task A_crl_signed_by_another_key_under_the_cas_name_is_not_used()
    {
        await using var world = CardWorld.Create();
        await using var impostor = CardWorld.Create(world.Time);
        Assert.Equal(world.Pki.Intermediate.SubjectName.RawData, impostor.Pki.Intermediate.SubjectName.RawData);
        using var card = world.IssueCard(Id);
        var now = world.Time.GetUtcNow();
        world.Crls.Publish(DevelopmentPkiSettings.MoicaCrlFileName, impostor.Pki.CreateMoicaCrl(now.AddMinutes(-5), now.AddDays(1)));
        using var cache = NewCache(world);

        Assert.Equal(CrlStatus.Unknown, await cache.StatusAsync(card, world.Pki.Intermediate, CancellationToken.None));
        Assert.True(world.Crls.Requests > 0, "the CRL was never fetched");
    }

    [Fact]
    public async Task After_the_next_update_many_callers_share_one_fetch_of_the_successor()
    {
        await using var world = CardWorld.Create();
        using var card = world.IssueCard(Id);
        var start = world.Time.GetUtcNow();
        world.PublishCrls(start.AddMinutes(-5), start.AddHours(1));
        using var cache = NewCache(world);
        Assert.Equal(CrlStatus.Good, await cache.StatusAsync(card, world.Pki.Intermediate, CancellationToken.None));
        Assert.Equal(1, world.Crls.Requests);

        // The CA publishes the successor; the clock passes the first CRL's next update.
        world.PublishCrls(start.AddMinutes(55), start.AddDays(1));
        world.Time.Advance(TimeSpan.FromHours(2));
        var answers = await Task.WhenAll(Enumerable.Range(0, 64).Select(_ => Task.Run(() => cache.StatusAsync(card, world.Pki.Intermediate, CancellationToken.None).AsTask())));

        Assert.All(answers, a => Assert.Equal(CrlStatus.Good, a));
        Assert.Equal(2, world.Crls.Requests);
    }

    [Fact]
    public async Task After_the_next_update_an_unreachable_distribution_point_leaves_the_status_unknown_until_it_is_back()
    {
        await using var world = CardWorld.Create();
        using var card = world.IssueCard(Id);
        var start = world.Time.GetUtcNow();
        world.PublishCrls(start.AddMinutes(-5), start.AddHours(1));
        using var cache = NewCache(world);
        Assert.Equal(CrlStatus.Good, await cache.StatusAsync(card, world.Pki.Intermediate, CancellationToken.None));

        world.Crls.Withdraw(DevelopmentPkiSettings.MoicaCrlFileName);
        world.Time.Advance(TimeSpan.FromHours(2));
        Assert.Equal(CrlStatus.Unknown, await cache.StatusAsync(card, world.Pki.Intermediate, CancellationToken.None));
        Assert.Equal(CrlStatus.Unknown, await cache.StatusAsync(card, world.Pki.Intermediate, CancellationToken.None));

        world.PublishCrls();
        Assert.Equal(CrlStatus.Good, await cache.StatusAsync(card, world.Pki.Intermediate, CancellationToken.None));
    }

    [Fact]
    public async Task Just_past_the_next_update_the_list_in_hand_answers_while_the_successor_is_fetched()
    {
        await using var world = CardWorld.Create();
        using var card = world.IssueCard(Id);
        var start = world.Time.GetUtcNow();
        world.PublishCrls(start.AddMinutes(-5), start.AddHours(1));
        using var cache = NewCache(world);
        Assert.Equal(CrlStatus.Good, await cache.StatusAsync(card, world.Pki.Intermediate, CancellationToken.None));

        world.Revoke(card);
        world.Time.Advance(TimeSpan.FromHours(1) + TimeSpan.FromSeconds(1));
        // One second past the next update: no waiting, the list in hand answers and the one download starts.
        Assert.Equal(CrlStatus.Good, await cache.StatusAsync(card, world.Pki.Intermediate, CancellationToken.None));
        await cache.RefreshesSettledAsync();

        Assert.Equal(CrlStatus.Revoked, await cache.StatusAsync(card, world.Pki.Intermediate, CancellationToken.None));
        Assert.Equal(2, world.Crls.Requests);
    }

    [Fact]
    public async Task Just_past_the_next_update_a_failed_download_ends_the_old_lists_answers()
    {
        await using var world = CardWorld.Create();
        using var card = world.IssueCard(Id);
        var start = world.Time.GetUtcNow();
        world.PublishCrls(start.AddMinutes(-5), start.AddHours(1));
        using var cache = NewCache(world);
        Assert.Equal(CrlStatus.Good, await cache.StatusAsync(card, world.Pki.Intermediate, CancellationToken.None));

        world.Crls.Withdraw(DevelopmentPkiSettings.MoicaCrlFileName);
        world.Time.Advance(TimeSpan.FromHours(1) + TimeSpan.FromSeconds(1));
        Assert.Equal(CrlStatus.Good, await cache.StatusAsync(card, world.Pki.Intermediate, CancellationToken.None));
        await cache.RefreshesSettledAsync();

        // The download failed after the next update: fail-closed from now on.
        Assert.Equal(CrlStatus.Unknown, await cache.StatusAsync(card, world.Pki.Intermediate, CancellationToken.None));
    }

    [Fact]
    public async Task A_stale_crl_is_not_used()
    {
        await using var world = CardWorld.Create();
        using var card = world.IssueCard(Id);
        var now = world.Time.GetUtcNow();
        world.PublishCrls(now.AddDays(-3), now.AddDays(-1));
        using var cache = NewCache(world);

        Assert.Equal(CrlStatus.Unknown, await cache.StatusAsync(card, world.Pki.Intermediate, CancellationToken.None));
    }

    [Fact]
    public async Task A_revocation_bites_after_the_refresh_interval_while_the_list_in_hand_answers_meanwhile()
    {
        await using var world = CardWorld.Create();
        using var card = world.IssueCard(Id);
        using var cache = NewCache(world, refresh: TimeSpan.FromMinutes(30));
        Assert.Equal(CrlStatus.Good, await cache.StatusAsync(card, world.Pki.Intermediate, CancellationToken.None));

        world.Revoke(card);
        // Within the interval the list in hand answers and nothing is fetched.
        Assert.Equal(CrlStatus.Good, await cache.StatusAsync(card, world.Pki.Intermediate, CancellationToken.None));
        Assert.Equal(1, world.Crls.Requests);

        world.Time.Advance(TimeSpan.FromMinutes(31));
        // Due: this lookup still gets the list in hand, and starts the one fetch in the background.
        Assert.Equal(CrlStatus.Good, await cache.StatusAsync(card, world.Pki.Intermediate, CancellationToken.None));
        await cache.RefreshesSettledAsync();

        Assert.Equal(CrlStatus.Revoked, await cache.StatusAsync(card, world.Pki.Intermediate, CancellationToken.None));
        Assert.Equal(2, world.Crls.Requests);
    }

    [Fact]
    public async Task An_older_crl_served_later_does_not_replace_the_current_one()
    {
        await using var world = CardWorld.Create();
        using var card = world.IssueCard(Id);
        var now = world.Time.GetUtcNow();
        var older = world.Pki.CreateMoicaCrl(now.AddMinutes(-5), now.AddDays(1));
        world.Revoke(card);
        using var cache = NewCache(world, refresh: TimeSpan.FromMinutes(30));
        Assert.Equal(CrlStatus.Revoked, await cache.StatusAsync(card, world.Pki.Intermediate, CancellationToken.None));

        // A replay of the CRL from before the revocation, still within its validity.
        world.Crls.Publish(DevelopmentPkiSettings.MoicaCrlFileName, older);
        world.Time.Advance(TimeSpan.FromMinutes(31));
        await cache.StatusAsync(card, world.Pki.Intermediate, CancellationToken.None);
        await cache.RefreshesSettledAsync();

        Assert.Equal(CrlStatus.Revoked, await cache.StatusAsync(card, world.Pki.Intermediate, CancellationToken.None));
        Assert.Equal(2, world.Crls.Requests);
    }

    [Fact]
    public async Task A_certificate_without_a_distribution_point_is_unknown_without_a_fetch()
    {
        await using var world = CardWorld.Create();
        using var card = world.IssueCard(Id, shape: r => r with { CrlUrl = "" });
        using var cache = NewCache(world);

        Assert.Empty(DistributionPoints.Of(card));
        Assert.Equal(CrlStatus.Unknown, await cache.StatusAsync(card, world.Pki.Intermediate, CancellationToken.None));
        Assert.Equal(0, world.Crls.Requests);
    }

    [Fact]
    public async Task The_intermediate_is_checked_against_the_roots_crl()
    {
        await using var world = CardWorld.Create();
        using var cache = NewCache(world);
        using var intermediate = X509CertificateLoader.LoadCertificate(world.Pki.Intermediate.RawData);

        Assert.Equal(new Uri(world.Crls.BaseUrl + DevelopmentPkiSettings.RootCrlFileName), Assert.Single(DistributionPoints.Of(intermediate)));
        Assert.Equal(CrlStatus.Good, await cache.StatusAsync(intermediate, world.Pki.Root, CancellationToken.None));
        // The MOICA CRL is the intermediate's, not the root's: it says nothing for a certificate the root would have issued.
        using var card = world.IssueCard(Id);
        Assert.Equal(CrlStatus.Unknown, await cache.StatusAsync(card, world.Pki.Root, CancellationToken.None));
    }

    private static CrlCache NewCache(CardWorld world, TimeSpan? refresh = null) =>
        new(
            Options.Create(new CardTrustOptions { RevocationTimeout = TimeSpan.FromSeconds(5), CrlRefreshInterval = refresh ?? TimeSpan.FromHours(1) }),
            world.Time,
            NullLogger<CrlCache>.Instance);
}
