using Laobao.Web.Features.MobileApi;

namespace Laobao.Web.Features.DeviceLinking;

/// <summary>A phone is linked only to an activated mobile services account (SPEC §6: "after activation").</summary>
public sealed class LinkEligibility(IMobileAccountDirectory accounts)
{
    public async Task<bool> CanLinkAsync(string personIdNumber, CancellationToken cancellationToken) =>
        (await accounts.ForPersonAsync(personIdNumber, cancellationToken))?.Active == true;
}
