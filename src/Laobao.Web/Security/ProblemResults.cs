using System.Text.Json;
using Laobao.Web.Security.Cards;

namespace Laobao.Web.Security;

/// <summary>RFC 7807 problem documents carrying the stable <c>code</c> that front ends turn into sentences.</summary>
public static class ProblemResults
{
    public static IResult For(string code, string title) =>
        Results.Problem(
            title: title,
            statusCode: StatusFor(code),
            type: "urn:laobao:problem:" + code,
            extensions: new Dictionary<string, object?>(StringComparer.Ordinal) { ["code"] = code });

    public static int StatusFor(string code) => code switch
    {
        CardCheckCodes.RequestMalformed => StatusCodes.Status400BadRequest,
        CardCheckCodes.RateLimited => StatusCodes.Status429TooManyRequests,
        CardCheckCodes.PersonNotFound => StatusCodes.Status404NotFound,
        _ => StatusCodes.Status403Forbidden,
    };
}

/// <summary>Reads a small JSON body by hand so that oversize, wrongly typed or broken input is one clear 400, never a 500.</summary>
public static class JsonBody
{
    public const int MaxBytes = 64 * 1024;

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { MaxDepth = 8 };

    public static async Task<T?> ReadAsync<T>(HttpRequest request, CancellationToken cancellationToken)
        where T : class
    {
        if (request.ContentLength > MaxBytes
            || !(request.ContentType?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) ?? false))
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        try
        {
            return JsonSerializer.Deserialize<T>(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), Options);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
