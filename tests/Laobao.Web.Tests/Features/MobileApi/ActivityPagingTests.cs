using Laobao.Web.Data;
using Laobao.Web.Security.Audit;
using Microsoft.EntityFrameworkCore;

namespace Laobao.Web.Tests.Features.MobileApi;

/// <summary>
/// <c>/me/activity?page=</c> pages the person's whole history, newest first, 50 to a page; <c>hasMore</c> says whether
/// an older page follows, so the app offers "show earlier activity" exactly while there is some.
/// </summary>
public sealed class ActivityPagingTests
{
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task MoreThanOnePageOfActivityIsReadPageByPageToTheOldestEntry(DatabaseProvider provider)
    {
        await using var world = await MobileWorld.CreateAsync(provider);
        using var phone = await world.LinkPhoneAsync(People.Wang);
        var tokens = await phone.SignInAsync();
        // Older entries than the link and sign-in above; and someone else's, which must never show.
        await AddHistoryAsync(world, People.Wang, 70);
        await AddHistoryAsync(world, People.Chen, 30);
        await using (var db = world.Database.Context())
        {
            Assert.InRange(await db.Set<AuditRecord>().CountAsync(r => r.SubjectIdNumber == People.Wang), 71, 99);
        }

        var first = await phone.Api.GetActivityAsync(tokens.AccessToken, 1);
        Assert.Equal((1, Web.Features.MobileApi.MobileApi.ActivityPageSize, Web.Features.MobileApi.MobileApi.ActivityPageSize, true), (first.Page, first.PageSize, first.Items.Count, first.HasMore));
        Assert.Contains(first.Items, a => a.Action == "mobile-sign-in");

        var second = await phone.Api.GetActivityAsync(tokens.AccessToken, 2);
        Assert.Equal(2, second.Page);
        Assert.False(second.HasMore);
        Assert.InRange(second.Items.Count, 21, Web.Features.MobileApi.MobileApi.ActivityPageSize - 1);
        var all = first.Items.Concat(second.Items).ToList();
        Assert.Equal(all.OrderByDescending(a => a.At).ToList(), all);
        Assert.Equal(70, all.Count(a => a.Outcome.StartsWith("history-", StringComparison.Ordinal)));
        Assert.Equal("history-0", all[^1].Outcome);
        Assert.DoesNotContain(all, a => a.ClientAddress == "198.51.100.2");

        var beyond = await phone.Api.GetActivityAsync(tokens.AccessToken, 3);
        Assert.Equal((0, false), (beyond.Items.Count, beyond.HasMore));
    }

    /// <summary><paramref name="count"/> coverage views, one a day from 2025-01-01: all older than the world's clock.</summary>
    private static async Task AddHistoryAsync(MobileWorld world, string idNumber, int count)
    {
        await using var db = world.Database.Context();
        for (var i = 0; i < count; i++)
        {
            db.Set<AuditRecord>().Add(new AuditRecord
            {
                At = new DateTime(2025, 1, 1, 8, 0, 0, DateTimeKind.Utc).AddDays(i),
                Action = "coverage-view",
                Outcome = "history-" + i,
                SubjectIdNumber = idNumber,
                SubjectMasked = idNumber[..3] + "****" + idNumber[^3..],
                ClientAddress = idNumber == People.Wang ? "198.51.100.1" : "198.51.100.2",
            });
        }

        await db.SaveChangesAsync();
    }
}
