using Laobao.Web.Data;
using Laobao.Web.Mail;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Laobao.Web.Features.MobileAccount;

/// <summary>
/// Demo only: the mail the system "sent" when no SMTP server is configured. It exists only with
/// Mail:LocalMailbox on and no Mail:Smtp:Host; everywhere else it is a plain 404.
/// </summary>
public sealed class MailboxModel(LaobaoDbContext db) : PageModel
{
    public IReadOnlyList<MailboxMessage> Messages { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!HttpContext.RequestServices.LocalMailboxEnabled())
        {
            return NotFound();
        }

        Messages = await db.Set<MailboxMessage>().AsNoTracking().OrderByDescending(m => m.Id).Take(50).ToListAsync(cancellationToken);
        return Page();
    }
}
