using Laobao.Client;
using Laobao.Web.Features.MobileApi;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Laobao.Web.Features.Statements;

/// <summary>
/// The public verification page (/verify, /verify/{code}): no sign-in, both languages, says valid / revoked /
/// expired with kind, issue date, masked holder and SHA-256, and compares an uploaded file. Never the record.
/// </summary>
[IgnoreAntiforgeryToken(Order = 1001)]
public sealed class VerifyModel(StatementVerification verification) : PageModel
{
    public string? Code { get; private set; }

    public bool Looked { get; private set; }

    public bool Limited { get; private set; }

    public StatementCheckView? Found { get; private set; }

    public StatementUploadCheckView? Comparison { get; private set; }

    public bool UploadMissing { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? code, [FromQuery(Name = "code")] string? typed, CancellationToken cancellationToken)
    {
        if (code is null && typed is { Length: > 0 })
        {
            // The form sends ?code=; the canonical address of a check is /verify/<code>, as printed in the QR.
            return Redirect("/verify/" + Uri.EscapeDataString(typed.Trim()));
        }

        Code = code;
        if (code is null)
        {
            return Page();
        }

        var result = await verification.LookupAsync(code, RequestAudit.ClientAddress(HttpContext), cancellationToken);
        return Show(result);
    }

    public async Task<IActionResult> OnPostAsync(string? code, IFormFile? file, CancellationToken cancellationToken)
    {
        Code = code;
        if (file is null || file.Length == 0 || file.Length > StatementsApi.MaxUploadBytes)
        {
            UploadMissing = true;
            var lookup = await verification.LookupAsync(code, RequestAudit.ClientAddress(HttpContext), cancellationToken);
            return Show(lookup);
        }

        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, cancellationToken);
        var (result, check) = await verification.CompareAsync(code, buffer.ToArray(), RequestAudit.ClientAddress(HttpContext), cancellationToken);
        Comparison = check;
        return Show(result);
    }

    private PageResult Show(VerificationResult result)
    {
        Looked = true;
        Limited = result.Limited;
        Found = result.Found;
        var page = Page();
        page.StatusCode = Limited ? StatusCodes.Status429TooManyRequests : Found is null ? StatusCodes.Status404NotFound : StatusCodes.Status200OK;
        return page;
    }
}
