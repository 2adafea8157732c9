using Laobao.Client;
using Laobao.Web.Data;
using Laobao.Web.Security;
using Laobao.Web.Security.Challenges;
using Laobao.Web.Security.DeviceKeys;
using Laobao.Web.Security.Tokens;
using Microsoft.EntityFrameworkCore;

namespace Laobao.Web.Features.MobileApi;

/// <summary>
/// Sign-in and refresh of the mobile API (SPEC §7): email + password + a signature by the linked device's key
/// over a single-use server nonce. Failures count per account+address pair and per address — never per account
/// alone, so nobody can lock the owner out from elsewhere — and unknown email and wrong password answer alike.
/// </summary>
public sealed class SessionHandler(
    LaobaoDbContext db,
    ChallengeService challenges,
    TokenService tokens,
    AttemptLimiter limiter,
    IMobileAccountDirectory accounts,
    RequestAudit audit,
    OncePerMinute<TokenService> purge,
    TimeProvider time)
{
    public const string NoncePurpose = "device-login";
    public const int FailuresPerPair = 5;
    public const int FailuresPerAddress = 50;

    public async Task<SessionChallenge?> ChallengeAsync(Guid deviceId, CancellationToken cancellationToken)
    {
        if (await ActiveDeviceAsync(deviceId, cancellationToken) is null)
        {
            return null;
        }

        var issued = await challenges.IssueAsync(NoncePurpose, Binding(deviceId), cancellationToken);
        return new SessionChallenge(issued.Nonce, issued.ExpiresAt);
    }

    public async Task<(TokenResponse? Tokens, string? Error)> SignInAsync(SignInRequest request, string clientAddress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrWhiteSpace(request.Email) || request.Email.Length > 254 || request.Password is null || request.Password.Length > 1024
            || string.IsNullOrEmpty(request.Nonce) || string.IsNullOrEmpty(request.Signature))
        {
            return (null, ApiErrorCodes.RequestMalformed);
        }

        var pairKey = "m-pair:" + request.Email.Trim().ToLowerInvariant() + "|" + clientAddress;
        var addressKey = "m-ip:" + clientAddress;
        // Both counters in one statement, read from the shared table on every attempt.
        var (addressFailures, pairFailures) = await limiter.CountAsync(addressKey, pairKey, cancellationToken);
        if (addressFailures >= FailuresPerAddress || pairFailures >= FailuresPerPair)
        {
            await audit.RecordAsync(AuditActions.MobileSignIn, ApiErrorCodes.RateLimited, null, cancellationToken);
            return (null, ApiErrorCodes.RateLimited);
        }

        // Every refusal from here on answers credentials-invalid alike (SPEC §7): a distinct answer for "right password,
        // wrong device" would let anyone with one linked phone test guessed passwords. The audit keeps the real reason.
        var (device, proofError) = await CheckDeviceProofAsync(request.DeviceId, request.Nonce, request.Signature, cancellationToken);
        if (device is null)
        {
            return await FailAsync(proofError!, null, [pairKey, addressKey], cancellationToken);
        }

        var account = await accounts.CheckPasswordAsync(request.Email.Trim(), request.Password, cancellationToken);
        if (account is null)
        {
            return await FailAsync(ApiErrorCodes.CredentialsInvalid, null, [pairKey, addressKey], cancellationToken);
        }

        if (!string.Equals(account.PersonIdNumber, device.PersonIdNumber, StringComparison.Ordinal))
        {
            return await FailAsync(ApiErrorCodes.DeviceUnknown, account.PersonIdNumber, [pairKey, addressKey], cancellationToken);
        }

        if (pairFailures > 0)
        {
            // A success clears the pair's counter; with none counted a moment ago there is nothing to clear.
            await limiter.ClearAsync(pairKey, cancellationToken);
        }

        await tokens.PurgeExpiredIfDueAsync(purge, cancellationToken);
        // The token rows, the device's last use and the audit row in one SaveChanges: one transaction, so a node killed
        // mid-request leaves either the tokens with their audit row or neither, and the audit row is committed before
        // the answer.
        var issued = tokens.Stage(device.PersonIdNumber, device.Id, null);
        db.Attach(device);
        device.LastUsedAt = time.GetUtcNow().UtcDateTime;
        await audit.RecordAsync(AuditActions.MobileSignIn, "ok", device.PersonIdNumber, cancellationToken);
        return (new TokenResponse(issued.AccessToken, issued.ExpiresIn, issued.RefreshToken), null);
    }

    public async Task<(TokenResponse? Tokens, string? Error)> RefreshAsync(RefreshRequest request, string clientAddress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrEmpty(request.RefreshToken) || string.IsNullOrEmpty(request.Nonce) || string.IsNullOrEmpty(request.Signature))
        {
            return (null, ApiErrorCodes.RequestMalformed);
        }

        var addressKey = "m-ip:" + clientAddress;
        if (await limiter.IsLimitedAsync(addressKey, FailuresPerAddress, cancellationToken))
        {
            return (null, ApiErrorCodes.RateLimited);
        }

        var (device, proofError) = await CheckDeviceProofAsync(request.DeviceId, request.Nonce, request.Signature, cancellationToken);
        if (device is null)
        {
            await limiter.RecordFailureAsync([addressKey], cancellationToken);
            await audit.RecordAsync(AuditActions.MobileRefresh, proofError!, null, cancellationToken);
            return (null, proofError);
        }

        var result = await tokens.RefreshAsync(request.RefreshToken, device.Id, cancellationToken);
        if (result.Outcome != RefreshOutcome.Rotated)
        {
            var outcome = result.Outcome == RefreshOutcome.Reused ? "refresh-token-reused" : ApiErrorCodes.RefreshTokenInvalid;
            await audit.RecordAsync(AuditActions.MobileRefresh, outcome, device.PersonIdNumber, cancellationToken);
            await limiter.RecordFailureAsync([addressKey], cancellationToken);
            return (null, ApiErrorCodes.RefreshTokenInvalid);
        }

        await TouchAsync(device.Id, cancellationToken);
        var issued = result.Tokens!;
        return (new TokenResponse(issued.AccessToken, issued.ExpiresIn, issued.RefreshToken), null);
    }

    /// <summary>The nonce must be this device's and unused, the device linked, and the signature its key's.</summary>
    internal async Task<(LinkedDevice? Device, string? Error)> CheckDeviceProofAsync(Guid deviceId, string nonce, string signature, CancellationToken cancellationToken)
    {
        if (nonce.Length > 128)
        {
            return (null, ApiErrorCodes.NonceInvalid);
        }

        var redemption = await challenges.RedeemAsync(NoncePurpose, nonce, Binding(deviceId), cancellationToken);
        if (redemption != ChallengeRedemption.Redeemed)
        {
            return (null, ApiErrorCodes.NonceInvalid);
        }

        var device = await ActiveDeviceAsync(deviceId, cancellationToken);
        if (device is null)
        {
            return (null, ApiErrorCodes.DeviceUnknown);
        }

        return DeviceSignatureVerifier.Verify(device.PublicKeySpki, DeviceProof.LoginText(nonce, deviceId), signature)
            ? (device, null)
            : (null, ApiErrorCodes.DeviceSignatureInvalid);
    }

    /// <summary>A refused sign-in: counted, audited with its real reason, answered as credentials-invalid.</summary>
    private async Task<(TokenResponse? Tokens, string? Error)> FailAsync(string code, string? personIdNumber, string[] keys, CancellationToken cancellationToken)
    {
        await limiter.RecordFailureAsync(keys, cancellationToken);
        await audit.RecordAsync(AuditActions.MobileSignIn, code, personIdNumber, cancellationToken);
        return (null, ApiErrorCodes.CredentialsInvalid);
    }

    // Asked at the challenge and at the sign-in: compiled, untracked.
    private static readonly CompiledPerModel<Func<LaobaoDbContext, Guid, CancellationToken, Task<LinkedDevice?>>> ActiveDevice = new(() =>
        EF.CompileAsyncQuery((LaobaoDbContext context, Guid deviceId, CancellationToken _) =>
            context.Set<LinkedDevice>().AsNoTracking().SingleOrDefault(d => d.Id == deviceId && d.UnlinkedAt == null)));

    private Task<LinkedDevice?> ActiveDeviceAsync(Guid deviceId, CancellationToken cancellationToken) => ActiveDevice.For(db)(db, deviceId, cancellationToken);

    private Task TouchAsync(Guid deviceId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        return db.Set<LinkedDevice>().Where(d => d.Id == deviceId).ExecuteUpdateAsync(s => s.SetProperty(d => d.LastUsedAt, now), cancellationToken);
    }

    private static string Binding(Guid deviceId) => "device:" + deviceId.ToString("D");
}
