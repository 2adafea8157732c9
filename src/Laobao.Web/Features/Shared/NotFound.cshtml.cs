using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Laobao.Web.Features.Shared;

/// <summary>The e-desk's not-found page, in both languages (the person may have followed a link in either).</summary>
[IgnoreAntiforgeryToken]
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public sealed class NotFoundModel : PageModel
{
    public const string PagePath = "/desk/not-found";

    // Re-executed for an unknown address the status is already 404; asked for directly, it is a 404 as well.
    public void OnGet() => Response.StatusCode = StatusCodes.Status404NotFound;
}
