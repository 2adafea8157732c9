using Laobao.App.Device;
using Laobao.App.Offline;
using Laobao.Client;

namespace Laobao.App.Session;

/// <summary>The session ended (refresh refused or no session): the person must log in again.</summary>
public sealed class SessionEndedException() : Exception("The session has ended; log in again.");

/// <summary>
/// The signed-in session. Tokens are kept in memory only: a restarted app asks for the password again, and
/// every sign-in and refresh is proven with a fresh signature by the device key over a server nonce (SPEC §7).
/// </summary>
public sealed class AppSession(LaobaoApiClient api, DeviceKeyStore keys, AppSettings settings, OfflineCache cache, TimeProvider clock, PasskeyApiClient passkeyApi, PasskeyStore passkeys)
{
    // Refresh a little early so a call never leaves with a token that expires on the way.
    private static readonly TimeSpan RefreshMargin = TimeSpan.FromSeconds(30);

    private TokenResponse? tokens;
    private DateTimeOffset accessExpiresAt;

    public bool SignedIn => tokens is not null;

    /// <summary>Whether this run of the app has had a session: without one, a page that needs it follows a reload.</summary>
    public bool EverSignedIn { get; private set; }

    public event Action? Changed;

    public async Task SignInAsync(string email, string password, CancellationToken cancellationToken = default)
    {
        var deviceId = await DeviceIdAsync();
        var challenge = await api.ChallengeAsync(deviceId, cancellationToken);
        var signature = await keys.SignAsync(DeviceProof.LoginText(challenge.Nonce, deviceId));
        Keep(await api.SignInAsync(new SignInRequest(email.Trim(), password, deviceId, challenge.Nonce, signature), cancellationToken));
    }

    /// <summary>
    /// Signs in with this phone's platform passkey instead of the password (SPEC §11): the passkey's assertion and the
    /// device key's signature over the server nonce travel together; the server checks both.
    /// </summary>
    public async Task SignInWithPasskeyAsync(CancellationToken cancellationToken = default)
    {
        var deviceId = await DeviceIdAsync();
        var start = await passkeyApi.SignInOptionsAsync(deviceId, cancellationToken);
        var credential = await passkeys.GetAsync(start.OptionsJson);
        var signature = await keys.SignAsync(DeviceProof.LoginText(start.Nonce!, deviceId));
        Keep(await passkeyApi.SignInAsync(deviceId, start.CeremonyId, credential, start.Nonce!, signature, cancellationToken));
    }

    /// <summary>Enrols a platform passkey bound to this phone, in the current (password) session.</summary>
    public async Task EnrolPasskeyAsync(string name, CancellationToken cancellationToken = default)
    {
        var start = await CallAsync((token, ct) => passkeyApi.RegistrationOptionsAsync(token, ct), cancellationToken);
        var credential = await passkeys.CreateAsync(start.OptionsJson);
        await CallAsync(async (token, ct) =>
        {
            await passkeyApi.RegisterAsync(token, start.CeremonyId, name, credential, ct);
            return true;
        }, cancellationToken);
        await settings.UpdateAsync(s => s with { HasPasskey = true });
    }

    /// <summary>Runs one API call with a current access token, refreshing it once when it has expired.</summary>
    public async Task<T> CallAsync<T>(Func<string, CancellationToken, Task<T>> call, CancellationToken cancellationToken = default)
    {
        if (tokens is null)
        {
            throw new SessionEndedException();
        }

        if (clock.GetUtcNow() >= accessExpiresAt - RefreshMargin)
        {
            await RefreshAsync(cancellationToken);
        }

        try
        {
            return await call(tokens!.AccessToken, cancellationToken);
        }
        catch (LaobaoApiException e) when (e.Status == 401)
        {
            await RefreshAsync(cancellationToken);
            return await call(tokens!.AccessToken, cancellationToken);
        }
    }

    public async Task LogOutAsync()
    {
        var ending = tokens;
        Forget();
        await cache.ClearAsync();
        if (ending is not null)
        {
            try
            {
                await api.LogOutAsync(ending.AccessToken);
            }
            catch (Exception e) when (e is HttpRequestException or LaobaoApiException)
            {
                // Offline or already expired: the token dies by itself within its 10 minutes; the phone has forgotten it.
            }
        }
    }

    /// <summary>This phone is no longer linked: forget its key, its device id and everything it fetched.</summary>
    public async Task ForgetDeviceAsync()
    {
        Forget();
        await cache.ClearAsync();
        await keys.RemoveAsync();
        await settings.UpdateAsync(s => s with { DeviceId = null, DeviceName = null, Holder = null, Site = null });
    }

    private async Task RefreshAsync(CancellationToken cancellationToken)
    {
        var refreshToken = tokens?.RefreshToken ?? throw new SessionEndedException();
        try
        {
            var deviceId = await DeviceIdAsync();
            var challenge = await api.ChallengeAsync(deviceId, cancellationToken);
            var signature = await keys.SignAsync(DeviceProof.LoginText(challenge.Nonce, deviceId));
            Keep(await api.RefreshAsync(new RefreshRequest(refreshToken, deviceId, challenge.Nonce, signature), cancellationToken));
        }
        catch (LaobaoApiException e) when (e.Status is 400 or 401 or 403 or 404)
        {
            Forget();
            throw new SessionEndedException();
        }
    }

    private async Task<Guid> DeviceIdAsync() =>
        (await settings.GetAsync()).DeviceId ?? throw new InvalidOperationException("This phone is not linked yet.");

    private void Keep(TokenResponse response)
    {
        tokens = response;
        EverSignedIn = true;
        accessExpiresAt = clock.GetUtcNow().AddSeconds(response.ExpiresIn);
        Changed?.Invoke();
    }

    private void Forget()
    {
        tokens = null;
        Changed?.Invoke();
    }
}
