using System.Xml.Linq;
using Laobao.Web.Data;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace Laobao.Web.Security.Sessions;

/// <summary>Stores Data Protection keys in <c>data_protection_keys</c> (see <see cref="DataProtectionKeyRecord"/>).</summary>
public sealed class DatabaseXmlRepository(IServiceScopeFactory scopes) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<LaobaoDbContext>();
        return [.. db.Set<DataProtectionKeyRecord>().Select(k => k.Xml).AsEnumerable().Select(XElement.Parse)];
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        ArgumentNullException.ThrowIfNull(element);
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<LaobaoDbContext>();
        db.Set<DataProtectionKeyRecord>().Add(new DataProtectionKeyRecord
        {
            FriendlyName = friendlyName,
            Xml = element.ToString(SaveOptions.DisableFormatting),
        });
        db.SaveChanges();
    }
}
