using Laobao.Web.Security;
using Laobao.Web.Security.Challenges;
using Laobao.Web.Security.Tokens;

namespace Laobao.Web.Tests.Security;

/// <summary>The per-node gate of the housekeeping that requests start (challenge and token purges).</summary>
public sealed class OncePerMinuteTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 7, 2, 0, 0, TimeSpan.Zero);

    [Fact]
    public void One_caller_a_minute_is_let_through_and_each_kind_of_work_keeps_its_own_minute()
    {
        var challenges = new OncePerMinute<ChallengeService>();
        var tokens = new OncePerMinute<TokenService>();

        Assert.True(challenges.IsDue(Start));
        Assert.False(challenges.IsDue(Start));
        Assert.False(challenges.IsDue(Start.AddSeconds(59)));
        Assert.True(tokens.IsDue(Start.AddSeconds(59)));
        Assert.True(challenges.IsDue(Start.AddMinutes(1)));
        Assert.False(challenges.IsDue(Start.AddMinutes(1)));
        Assert.False(tokens.IsDue(Start.AddMinutes(1)));
    }

    [Fact]
    public async Task Of_many_callers_at_the_same_moment_exactly_one_is_let_through()
    {
        var gate = new OncePerMinute<TokenService>();
        using var go = new ManualResetEventSlim();
        var callers = Enumerable.Range(0, 64).Select(_ => Task.Run(() =>
        {
            go.Wait();
            return gate.IsDue(Start);
        })).ToArray();
        go.Set();

        Assert.Single(await Task.WhenAll(callers), due => due);
    }
}
