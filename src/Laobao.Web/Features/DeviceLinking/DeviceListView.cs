using Laobao.Web.Security.DeviceKeys;

namespace Laobao.Web.Features.DeviceLinking;

/// <summary>What the shared device list shows, and which page the unlink confirmation returns to.</summary>
public sealed record DeviceListView(IReadOnlyList<LinkedDevice> Devices, string ReturnTo);

/// <summary>The pages a device list lives on; the unlink confirmation returns only to one of these.</summary>
public static class DeviceListPages
{
    public const string Accounts = "accounts";
    public const string Devices = "devices";

    public static string PathOf(string? returnTo) => returnTo == Accounts ? "/desk/accounts" : "/desk/devices";
}
