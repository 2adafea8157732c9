using Laobao.App.Device;

namespace Laobao.App.Tests.Device;

public sealed class DevicePlatformTests
{
    [Theory]
    [InlineData("Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Mobile Safari/537.36", "Android Chrome")]
    [InlineData("Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1", "iPhone Safari")]
    [InlineData("Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0", "Linux Firefox")]
    [InlineData("", "Web Browser")]
    public void A_phone_is_named_by_its_system_and_browser(string userAgent, string expected) =>
        Assert.Equal(expected, DevicePlatform.DefaultName(userAgent));
}
