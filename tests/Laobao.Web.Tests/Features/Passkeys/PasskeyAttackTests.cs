using System.Net;
using System.Text.Json.Nodes;
using Laobao.Tests.Passkeys;
using Laobao.Web.Features.Passkeys;
using Laobao.Web.Tests.Security;

namespace Laobao.Web.Tests.Features.Passkeys;

/// <summary>
/// Attack-shaped tests of the passkey sign-in (SPEC §11, issue 17): each is refused with its stable code, never a 500,
/// and leaves no session behind. A real host, a real database, the Fido2 library verifying, a software authenticator.
/// </summary>
public sealed class PasskeyAttackTests(PasskeyWorld world) : IClassFixture<PasskeyWorld>
{
    [Fact]
    public async Task WhenPasskeyIsRegisteredAfterCardSignInThenItSignsInAtPasskeyLevel()
    {
        using var authenticator = await world.RegisteredAsync();
        var steps = world.NewBrowser();

        var response = await steps.SignInAsync(authenticator);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var home = await steps.Browser.Client.GetStringAsync("/desk");
        Assert.Contains("data-level=\"passkey\"", home, StringComparison.Ordinal);
        Assert.Contains(SignInScenario.Name, home, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WhenAssertionIsReplayedThenSignInIsRefused()
    {
        using var authenticator = await world.RegisteredAsync();
        var steps = world.NewBrowser();
        var (ceremonyId, options) = await steps.BeginSignInAsync();
        var credential = authenticator.Assert(options, DeskApp.Origin, PasskeySteps.RpId);
        Assert.Equal(HttpStatusCode.OK, (await steps.FinishSignInAsync(ceremonyId, credential)).StatusCode);

        // The same answer again, in a fresh session (the attacker's), and in the same one: the ceremony is used up.
        var attacker = world.NewBrowser();
        await attacker.RefreshTokenAsync("/desk/login");
        await SignInScenario.AssertRefusedAsync(await attacker.FinishSignInAsync(ceremonyId, credential), PasskeyCodes.ChallengeUnknown);
        await steps.LogOutAsync();
        await SignInScenario.AssertRefusedAsync(await steps.FinishSignInAsync(ceremonyId, credential), PasskeyCodes.ChallengeUnknown);

        // The old answer under a new ceremony of its own: its signed challenge is not the new one.
        var (freshId, _) = await attacker.BeginSignInAsync();
        await SignInScenario.AssertRefusedAsync(await attacker.FinishSignInAsync(freshId, credential), PasskeyCodes.ChallengeMismatch);
        await AssertSignedOutAsync(attacker);
    }

    [Fact]
    public async Task WhenAssertionIsMadeForAnotherOriginThenSignInIsRefused()
    {
        using var authenticator = await world.RegisteredAsync();
        var steps = world.NewBrowser();
        var (ceremonyId, options) = await steps.BeginSignInAsync();

        var credential = authenticator.Assert(options, "https://laobao-desk.example", PasskeySteps.RpId);

        await SignInScenario.AssertRefusedAsync(await steps.FinishSignInAsync(ceremonyId, credential), PasskeyCodes.OriginMismatch);
        await AssertSignedOutAsync(steps);
    }

    [Fact]
    public async Task WhenAssertionIsMadeForAnotherRelyingPartyThenSignInIsRefused()
    {
        using var authenticator = await world.RegisteredAsync();
        var steps = world.NewBrowser();
        var (ceremonyId, options) = await steps.BeginSignInAsync();

        var credential = authenticator.Assert(options, DeskApp.Origin, "laobao-desk.example");

        await SignInScenario.AssertRefusedAsync(await steps.FinishSignInAsync(ceremonyId, credential), PasskeyCodes.RelyingPartyMismatch);
        await AssertSignedOutAsync(steps);
    }

    [Fact]
    public async Task WhenChallengeComesFromAnotherSessionThenSignInIsRefused()
    {
        using var authenticator = await world.RegisteredAsync();
        var victim = world.NewBrowser();
        var (ceremonyId, options) = await victim.BeginSignInAsync();
        var attacker = world.NewBrowser();
        await attacker.RefreshTokenAsync("/desk/login");

        var credential = authenticator.Assert(options, DeskApp.Origin, PasskeySteps.RpId);

        await SignInScenario.AssertRefusedAsync(await attacker.FinishSignInAsync(ceremonyId, credential), PasskeyCodes.ChallengeUnknown);
        await AssertSignedOutAsync(attacker);
    }

    [Fact]
    public async Task WhenClonedAuthenticatorCounterGoesBackwardsThenSignInIsRefused()
    {
        using var authenticator = await world.RegisteredAsync();
        var owner = world.NewBrowser();
        Assert.Equal(HttpStatusCode.OK, (await owner.SignInAsync(authenticator)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await world.NewBrowser().SignInAsync(authenticator)).StatusCode);
        Assert.Equal(2u, authenticator.Counter);

        // A copy of the key taken when the counter stood at 0 answers with 1: behind what the server last saw.
        using var clone = authenticator.Clone(counter: 0);
        var thief = world.NewBrowser();
        await SignInScenario.AssertRefusedAsync(await thief.SignInAsync(clone), PasskeyCodes.CounterRegressed);
        await AssertSignedOutAsync(thief);
    }

    [Fact]
    public async Task WhenPasskeyOfPersonAClaimsPersonBThenSignInIsRefused()
    {
        using var passkeyOfA = await world.RegisteredAsync();
        using var passkeyOfB = await world.RegisteredAsync(personB: true);
        Assert.False(passkeyOfA.UserHandle.AsSpan().SequenceEqual(passkeyOfB.UserHandle));
        var steps = world.NewBrowser();
        var (ceremonyId, options) = await steps.BeginSignInAsync();

        // A's key signs, but the answer names B's user handle (the handle is not covered by the signature).
        var credential = passkeyOfA.Assert(options, DeskApp.Origin, PasskeySteps.RpId, userHandle: passkeyOfB.UserHandle);

        await SignInScenario.AssertRefusedAsync(await steps.FinishSignInAsync(ceremonyId, credential), PasskeyCodes.UserMismatch);
        await AssertSignedOutAsync(steps);

        // And B's credential id with A's key: the stored key of B does not verify A's signature.
        var (secondId, secondOptions) = await steps.BeginSignInAsync();
        var forged = passkeyOfA.Assert(secondOptions, DeskApp.Origin, PasskeySteps.RpId, userHandle: passkeyOfB.UserHandle);
        forged["rawId"] = SoftwareAuthenticator.ToBase64Url(passkeyOfB.CredentialId);
        forged["id"] = SoftwareAuthenticator.ToBase64Url(passkeyOfB.CredentialId);
        await SignInScenario.AssertRefusedAsync(await steps.FinishSignInAsync(secondId, forged), PasskeyCodes.SignatureInvalid);
        await AssertSignedOutAsync(steps);
    }

    [Fact]
    public async Task WhenUserVerificationIsMissingThenSignInAndRegistrationAreRefused()
    {
        using var authenticator = await world.RegisteredAsync();
        var steps = world.NewBrowser();
        var (ceremonyId, options) = await steps.BeginSignInAsync();

        var credential = authenticator.Assert(options, DeskApp.Origin, PasskeySteps.RpId, userVerified: false);

        await SignInScenario.AssertRefusedAsync(await steps.FinishSignInAsync(ceremonyId, credential), PasskeyCodes.UserVerificationMissing);
        await AssertSignedOutAsync(steps);

        var card = await world.CardSessionAsync();
        using var noUv = new SoftwareAuthenticator();
        await SignInScenario.AssertRefusedAsync(await card.RegisterAsync(noUv, userVerified: false), PasskeyCodes.UserVerificationMissing);
    }

    [Fact]
    public async Task WhenPasskeyIsUnknownOrRemovedThenSignInIsRefused()
    {
        using var stranger = new SoftwareAuthenticator();
        var steps = world.NewBrowser();
        var (ceremonyId, options) = await steps.BeginSignInAsync();
        await SignInScenario.AssertRefusedAsync(
            await steps.FinishSignInAsync(ceremonyId, stranger.Assert(options, DeskApp.Origin, PasskeySteps.RpId, userHandle: [1, 2, 3])),
            PasskeyCodes.Unknown);
    }

    [Fact]
    public async Task WhenAnswerIsMalformedThenItIsABadRequestNotAServerError()
    {
        var steps = world.NewBrowser();
        var (ceremonyId, _) = await steps.BeginSignInAsync();
        foreach (var body in new JsonNode?[]
        {
            new JsonObject(),
            new JsonObject { ["ceremonyId"] = ceremonyId },
            new JsonObject { ["ceremonyId"] = ceremonyId, ["credential"] = new JsonObject { ["rawId"] = "!!!" } },
            new JsonObject { ["ceremonyId"] = ceremonyId, ["credential"] = new JsonObject { ["rawId"] = "AAAA", ["response"] = new JsonObject() } },
        })
        {
            var response = await steps.PostAsync(PasskeysDeskApi.SignInPath, body);
            Assert.NotEqual(HttpStatusCode.InternalServerError, response.StatusCode);
            Assert.Equal(PasskeyCodes.RequestMalformed, await DeskBrowser.ProblemCodeAsync(response));
        }

        // A well-formed credential whose bytes are garbage: refused by the library's checks, still not a 500.
        using var authenticator = await world.RegisteredAsync();
        var (secondId, options) = await steps.BeginSignInAsync();
        var garbage = authenticator.Assert(options, DeskApp.Origin, PasskeySteps.RpId);
        garbage["response"]!["authenticatorData"] = "AAAA";
        var refused = await steps.FinishSignInAsync(secondId, garbage);
        Assert.NotEqual(HttpStatusCode.InternalServerError, refused.StatusCode);
        Assert.InRange((int)refused.StatusCode, 400, 499);
    }

    private static async Task AssertSignedOutAsync(PasskeySteps steps)
    {
        var response = await steps.Browser.Client.GetAsync("/desk/inquiry/coverage");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/desk/login", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }
}
