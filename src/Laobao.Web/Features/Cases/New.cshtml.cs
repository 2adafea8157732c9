using Laobao.Web.Features.DeviceLinking;
using Laobao.Web.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Laobao.Web.Features.Cases;

/// <summary>回報問題 / Report a problem: from a finding (its code, unit and months prefilled) or about any period or month.</summary>
[Authorize]
// Far above any real report (2,000 characters), yet room for a pasted megabyte to reach the check and be told, in a
// sentence, that it is too long, rather than stopped by the server with no word of why.
[RequestSizeLimit(2 * 1024 * 1024)]
[RequestFormLimits(ValueLengthLimit = 2 * 1024 * 1024)]
public sealed class NewModel(CaseService cases) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Code { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Unit { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? To { get; set; }

    [BindProperty]
    public string? Comment { get; set; }

    public CaseProblem? Problem { get; private set; }

    public void OnGet()
    {
        if (!CaseCopy.IsTopic(Code))
        {
            Code = CaseTopics.Period;
        }
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var (created, problem) = await cases.ReportAsync(
            DeviceLinkingDeskApi.PersonOf(HttpContext), new CaseInput(Code, Unit, From, To, Comment), HttpContext.UiLanguage(), cancellationToken);
        if (created is null)
        {
            Problem = problem;
            var page = Page();
            page.StatusCode = StatusCodes.Status400BadRequest;
            return page;
        }

        return Redirect("/desk/cases/" + created.Number + "?new=1");
    }
}
