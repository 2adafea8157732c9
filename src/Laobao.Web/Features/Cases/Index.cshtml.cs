using Laobao.Web.Features.DeviceLinking;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Laobao.Web.Features.Cases;

/// <summary>我的回報 / My reports on the e-desk: the person's own cases, newest first.</summary>
[Authorize]
public sealed class IndexModel(CaseService cases) : PageModel
{
    public IReadOnlyList<RecordCase> Cases { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Cases = await cases.MineAsync(DeviceLinkingDeskApi.PersonOf(HttpContext), cancellationToken);
}
