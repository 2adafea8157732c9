using Microsoft.Extensions.Configuration;

namespace Laobao.CardBridge.Tests;

public sealed class CardBridgeOptionsTests
{
    [Theory]
    [InlineData(null, null, "set exactly one of CardBridge:Pkcs11Module")]
    [InlineData("/usr/lib/softhsm/libsofthsm2.so", "/tmp", "set exactly one of CardBridge:Pkcs11Module")]
    [InlineData(null, "/no/such/folder", "CardBridge:Pkcs12Folder '/no/such/folder' is not a folder")]
    public void Settings_that_cannot_run_are_refused_at_start_with_a_sentence(string? module, string? folder, string expected)
    {
        var settings = new Dictionary<string, string?> { ["CardBridge:Pkcs11Module"] = module, ["CardBridge:Pkcs12Folder"] = folder };

        var e = Assert.Throws<CardBridgeConfigurationException>(() => CardBridgeApp.Build([], b => b.Configuration.AddInMemoryCollection(settings)));

        Assert.StartsWith(expected, e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("CardBridge:Url", "http://0.0.0.0:61161", "must be an http address on the loopback interface")]
    [InlineData("CardBridge:AllowedOrigins:0", "desk.laobao.test", "is not an origin")]
    [InlineData("CardBridge:AllowedOrigins:0", "https://desk.laobao.test/login", "is not an origin")]
    [InlineData("CardBridge:MaxWrongPins", "0", "MaxWrongPins must be between 1 and 10")]
    public void Bad_values_name_the_setting(string key, string value, string expected)
    {
        var settings = new Dictionary<string, string?> { ["CardBridge:Pkcs12Folder"] = Path.GetTempPath(), [key] = value };

        var e = Assert.Throws<CardBridgeConfigurationException>(() => CardBridgeApp.Build([], b => b.Configuration.AddInMemoryCollection(settings)));

        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }
}
