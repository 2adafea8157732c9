using System.Security.Claims;
using Laobao.Web.Security.Sessions;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Laobao.Web.Features.Home;

/// <summary>The e-desk home: the welcome for visitors, the person's menu once signed in with the card.</summary>
public sealed class IndexModel : PageModel
{
    public bool SignedIn { get; private set; }

    public string Name { get; private set; } = "";

    public string MaskedId { get; private set; } = "";

    public void OnGet()
    {
        SignedIn = User.Identity?.IsAuthenticated == true;
        Name = User.FindFirstValue(DeskClaims.Name) ?? "";
        MaskedId = User.FindFirstValue(DeskClaims.Masked) ?? "";
    }
}
