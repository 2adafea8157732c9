using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Laobao.Web.Features.Inquiry;

/// <summary>個人查詢: the two inquiries, signed in with the card.</summary>
[Authorize]
public sealed class IndexModel : PageModel;
