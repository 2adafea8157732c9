using Laobao.Web.Features.DeviceLinking;
using Laobao.Web.Features.MobileApi;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Laobao.Web.Features.Statements;

/// <summary>個人資料下載 / Download my data on the e-desk: one ZIP of CSV files and a JSON file.</summary>
[Authorize]
public sealed class MyDataModel(MyDataExport export, RequestAudit audit, TimeProvider time) : PageModel
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnGetZipAsync(CancellationToken cancellationToken)
    {
        var person = DeviceLinkingDeskApi.PersonOf(HttpContext);
        await audit.RecordAsync(AuditActions.MyDataDownload, "ok", person, cancellationToken);
        var zip = await export.ZipAsync(person, cancellationToken);
        return zip is null ? NotFound() : File(zip, "application/zip", MyDataExport.FileName(person, DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime)));
    }
}
