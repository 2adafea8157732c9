using Laobao.Client;
using Laobao.Web.Features.DeviceLinking;
using Laobao.Web.Features.MobileApi;
using Laobao.Web.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Laobao.Web.Features.Estimates;

/// <summary>試算 / Estimates on the e-desk: the very report GET /api/v1/me/estimates returns, from the same service.</summary>
[Authorize]
public sealed class IndexModel(EstimateService estimates, RequestAudit audit) : PageModel
{
    public EstimateReport? Report { get; private set; }

    /// <summary>The sentence for a scenario value that could not be used; the figures are then those of the record alone.</summary>
    public string? Problem { get; private set; }

    public string? ProblemParameter { get; private set; }

    public EstimateScenario Scenario { get; private set; } = EstimateScenario.None;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var person = DeviceLinkingDeskApi.PersonOf(HttpContext);
        var language = HttpContext.UiLanguage();
        if (!EstimateScenarioParser.TryParse(name => Request.Query[name], out var scenario, out var invalid))
        {
            (Problem, ProblemParameter, scenario) = (invalid!.In(language), invalid.Parameter, EstimateScenario.None);
        }

        var outcome = await estimates.ReportAsync(person, estimates.Today, scenario, language, cancellationToken);
        if (outcome?.Problem is { } problem)
        {
            (Problem, ProblemParameter, scenario) = (problem.In(language), problem.Parameter, EstimateScenario.None);
            outcome = await estimates.ReportAsync(person, estimates.Today, scenario, language, cancellationToken);
        }

        if (outcome?.Report is null)
        {
            return NotFound();
        }

        Scenario = scenario;
        Report = outcome.Report;
        await audit.RecordAsync(EstimatesApi.ViewAction, "ok", person, cancellationToken);
        return Page();
    }

    public string E(string key) => EstimateCopy.Text(key, HttpContext.UiLanguage());
}
