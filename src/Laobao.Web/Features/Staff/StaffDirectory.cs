using Laobao.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Laobao.Web.Features.Staff;

/// <summary>Who holds the staff role; read on every /staff request, so a revoke needs no sign-out.</summary>
public sealed class StaffDirectory(LaobaoDbContext db)
{
    public Task<bool> IsStaffAsync(string? idNumber, CancellationToken cancellationToken) =>
        idNumber is null ? Task.FromResult(false) : db.Set<StaffMember>().AnyAsync(s => s.IdNumber == idNumber, cancellationToken);
}
