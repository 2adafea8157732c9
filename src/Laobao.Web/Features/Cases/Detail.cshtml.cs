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

    /// <param name="new">"1" right after the report was sent (the redirect of 回報問題 says so).</param>
    public async Task<IActionResult> OnGetAsync(string number, string? @new, CancellationToken cancellationToken)
    {
        var found = await cases.MineAsync(DeviceLinkingDeskApi.PersonOf(HttpContext), number, cancellationToken);
        if (found is null)
        {
            return NotFound();
        }

        Case = found;
        History = await cases.HistoryAsync(found.Id, cancellationToken);
        JustReported = @new is "1";
        return Page();
    }
}
