namespace Laobao.Web.Features.CardLogin;

public sealed record ChallengeRequest(string? IdNumber);

public sealed record ChallengeResponse(string Nonce, string Tbs, DateTimeOffset ExpiresAt);

public sealed record CardLoginRequest(string? IdNumber, string? BirthDate, string? Signature);

public sealed record CardLoginResponse(string Redirect);
