using System.Globalization;
using Laobao.Domain.Dates;
using Laobao.Web.Features.MobileApi;
using Laobao.Web.Security.DeviceKeys;

namespace Laobao.Web.Features.DeviceLinking;

/// <summary>Tells the person by email, in both languages, that a phone was linked or unlinked, so a link they did not make stands out.</summary>
public sealed class DeviceLinkNotifier(IMobileAccountDirectory accounts)
{
    public Task LinkedAsync(string personIdNumber, LinkedDevice device, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(device);
        var when = When(device.LinkedAt);
        return accounts.QueueMailAsync(
            personIdNumber,
            "勞保：已認證新裝置 / Laobao: a new device was linked",
            $"您的行動服務帳號已於 {when} 認證裝置「{device.Name}」（{device.Platform}）。若非您本人操作，請登入 e 化服務櫃台解除該裝置。\n\n" +
            $"The device \"{device.Name}\" ({device.Platform}) was linked to your mobile services account at {when}. " +
            "If this was not you, sign in to the e-desk and unlink it.\n",
            cancellationToken);
    }

    public Task UnlinkedAsync(string personIdNumber, LinkedDevice device, DateTime at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(device);
        var when = When(at);
        return accounts.QueueMailAsync(
            personIdNumber,
            "勞保：已解除裝置 / Laobao: a device was unlinked",
            $"裝置「{device.Name}」已於 {when} 解除認證。\n\nThe device \"{device.Name}\" was unlinked at {when}.\n",
            cancellationToken);
    }

    /// <summary>Taiwan time in both calendars: 114/03/01 (2025-03-01) 14:05 UTC+8.</summary>
    private static string When(DateTime utc)
    {
        var taipei = DateTime.SpecifyKind(utc, DateTimeKind.Utc).AddHours(8);
        return RocDate.FormatBoth(DateOnly.FromDateTime(taipei)) + " " + taipei.ToString("HH:mm", CultureInfo.InvariantCulture) + " UTC+8";
    }
}
