using Laobao.Web.Features.DeviceLinking;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Laobao.Web.Features.Cases;

/// <summary>One of the person's cases with its history and the answer; another person's case is "not found".</summary>
[Authorize]
public sealed class DetailModel(CaseService cases) : PageModel
{
    public RecordCase Case { get; private set; } = null!;

    public IReadOnlyList<CaseEvent> History { get; private set; } = [];

    public bool JustReported { get; private set; }

    public async Task<IActionResult> OnGetAsync(string number, bool? @new, CancellationToken cancellationToken)
    {
        var found = await cases.MineAsync(DeviceLinkingDeskApi.PersonOf(HttpContext), number, cancellationToken);
        if (found is null)
        {
            return NotFound();
        }

        Case = found;
        History = await cases.HistoryAsync(found.Id, cancellationToken);
        JustReported = @new == true;
        return Page();
    }
}
