using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Laobao.Web.Features.Home;

public sealed class IndexModel : PageModel
{
    public void OnGet()
    {
    }
}
