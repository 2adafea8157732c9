using System.Net;
using System.Text;
using System.Text.Json;
using Laobao.CardBridge.Protocol;

namespace Laobao.CardBridge.Tests.Protocol;

public sealed class SignRequestTests(DemoCards cards) : IClassFixture<DemoCards>
{
    [Theory]
    [InlineData("{not json", HiPkiRetCodes.BadJson)]
    [InlineData("[1,2,3]", HiPkiRetCodes.BadJson)]
    [InlineData("", HiPkiRetCodes.BadParameter)]
    [InlineData("""{"func":"Decrypt","tbs":"x","pin":"246810"}""", HiPkiRetCodes.UnsupportedMethod)]
    [InlineData("""{"signatureType":"XML","tbs":"x","pin":"246810"}""", HiPkiRetCodes.BadSignatureType)]
    [InlineData("""{"hashAlgorithm":"MD5","tbs":"x","pin":"246810"}""", HiPkiRetCodes.BadParameter)]
    [InlineData("""{"tbsEncoding":"hex","tbs":"x","pin":"246810"}""", HiPkiRetCodes.BadParameter)]
    [InlineData("""{"tbsEncoding":"base64","tbs":"@@not base64@@","pin":"246810"}""", HiPkiRetCodes.Base64DecodeFailed)]
    [InlineData("""{"pin":"246810"}""", HiPkiRetCodes.NoTbs)]
    [InlineData("""{"tbs":"x"}""", HiPkiRetCodes.NoPin)]
    [InlineData("""{"tbs":12,"pin":"246810"}""", HiPkiRetCodes.BadParameter)]
    [InlineData("""{"tbs":"x","pin":"12ab-6"}""", HiPkiRetCodes.LoginFailed)]
    [InlineData("""{"tbs":"x","pin":"12345"}""", HiPkiRetCodes.LoginFailed)]
    [InlineData("""{"tbs":"x","pin":"123456789"}""", HiPkiRetCodes.LoginFailed)]
    [InlineData("""{"tbs":"x","pin":"密碼123456"}""", HiPkiRetCodes.LoginFailed)]
    public async Task Malformed_tbsPackage_gets_a_clear_ret_code_with_HTTP_200(string tbsPackage, int expected)
    {
        await using var bridge = await cards.StartBridgeAsync();

        var answer = await bridge.PostSignAsync(tbsPackage);

        Assert.Equal(expected, answer.GetProperty("ret_code").GetInt32());
        Assert.Equal("sign", answer.GetProperty("func").GetString());
        Assert.Equal(string.Empty, answer.GetProperty("signature").GetString());
        Assert.False(string.IsNullOrWhiteSpace(answer.GetProperty("message").GetString()));
    }

    [Fact]
    public async Task A_body_that_is_not_a_form_is_refused_not_crashed()
    {
        await using var bridge = await cards.StartBridgeAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/sign") { Content = new StringContent("{\"tbs\":\"x\"}", Encoding.UTF8, "application/json") };

        var answer = await bridge.PostSignAsync(string.Empty, request);

        Assert.Equal(HiPkiRetCodes.BadParameter, answer.GetProperty("ret_code").GetInt32());
    }

    [Theory]
    [InlineData(70 * 1024)]
    [InlineData(2 * 1024 * 1024)]
    public async Task An_oversized_package_is_refused_as_a_bad_parameter(int length)
    {
        await using var bridge = await cards.StartBridgeAsync();

        var answer = await bridge.SignAsync(new { tbs = new string('a', length), pin = DemoCards.Pin });

        Assert.Equal(HiPkiRetCodes.BadParameter, answer.GetProperty("ret_code").GetInt32());
    }

    [Fact]
    public async Task The_raw_form_body_HiPKI_pages_send_is_understood()
    {
        // Government pages post "tbsPackage=" + JSON with only '+' escaped, not a URL-encoded form.
        await using var bridge = await cards.StartBridgeAsync();
        var json = JsonSerializer.Serialize(new { func = "MakeSignature", signatureType = "PKCS7", tbs = Convert.ToBase64String([0xfb, 0xff, 0xfe]), tbsEncoding = "base64", hashAlgorithm = "SHA256", pin = DemoCards.Pin });
        using var request = new HttpRequestMessage(HttpMethod.Post, "/sign")
        {
            Content = new StringContent("tbsPackage=" + json.Replace("+", "%2B", StringComparison.Ordinal), Encoding.UTF8, "application/x-www-form-urlencoded"),
        };

        var answer = await bridge.PostSignAsync(string.Empty, request);

        Assert.Equal(0, answer.GetProperty("ret_code").GetInt32());
    }

    [Fact]
    public async Task Root_answers_with_the_version()
    {
        await using var bridge = await cards.StartBridgeAsync();
        using var response = await bridge.Client.GetAsync(new Uri("/", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Matches(@"version:\d+\.\d+\.\d+", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public void The_PIN_is_not_part_of_the_request_text()
    {
        var request = SignRequest.Parse("""{"tbs":"x","pin":"246810"}""");
        Assert.DoesNotContain("246810", request.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ab12cd34", "ab12cd34")]
    [InlineData("AB12CD", "AB12CD")]
    [InlineData("２４６８１０", "246810")]
    [InlineData("ａｂ１２ｃｄ３４", "ab12cd34")]
    public void A_PIN_of_6_to_8_letters_and_digits_is_accepted_full_width_forms_normalised(string typed, string sent)
    {
        var request = SignRequest.Parse(System.Text.Json.JsonSerializer.Serialize(new { tbs = "x", pin = typed }));
        Assert.Equal(sent, request.Pin);
    }
}
