using System.Security.Cryptography.Pkcs;
using System.Text;
using Laobao.CardBridge.Protocol;
using Laobao.CardBridge.Tests.Protocol;

namespace Laobao.CardBridge.Tests.Cards;

public sealed class Pkcs12BridgeTests
{
    [Fact]
    public async Task A_demo_card_file_is_listed_without_its_PIN_and_signs_with_it()
    {
        using var cards = new DemoCards();
        await using var bridge = await cards.StartBridgeAsync();

        var info = await bridge.GetJsonAsync("/pkcs11info?withcert=true");
        var slot = Assert.Single(info.GetProperty("slots").EnumerateArray());
        Assert.Equal("PKCS#12 chen.p12", slot.GetProperty("slotDescription").GetString());
        var signing = Assert.Single(slot.GetProperty("token").GetProperty("certs").EnumerateArray(), c => c.GetProperty("usage").GetString() == "digitalSignature");
        Assert.Equal(Convert.ToBase64String(cards.Card.RawData), signing.GetProperty("certb64").GetString());
        Assert.Equal("0014", signing.GetProperty("subjectID").GetString());

        var answer = await bridge.SignAsync(new { func = "MakeSignature", signatureType = "PKCS7", tbs = "證明", hashAlgorithm = "SHA256", pin = DemoCards.Pin, withCardSN = true });
        Assert.Equal(0, answer.GetProperty("ret_code").GetInt32());
        Assert.Equal("chen", answer.GetProperty("cardSN").GetString());
        var cms = new SignedCms();
        cms.Decode(Convert.FromBase64String(answer.GetProperty("signature").GetString()!));
        cms.CheckSignature(verifySignatureOnly: true);
        Assert.Equal(Encoding.UTF8.GetBytes("證明"), cms.ContentInfo.Content);
        Assert.Equal(cards.Card.RawData, cms.SignerInfos[0].Certificate!.RawData);
    }

    [Fact]
    public async Task Three_wrong_PINs_lock_a_demo_card_too()
    {
        using var cards = new DemoCards();
        await using var bridge = await cards.StartBridgeAsync();

        var codes = new List<int>();
        foreach (var pin in new[] { "111111", "222222", "333333", DemoCards.Pin })
        {
            var answer = await bridge.SignAsync(new { tbs = "x", pin });
            Assert.Equal(HiPkiRetCodes.LoginFailed, answer.GetProperty("ret_code").GetInt32());
            codes.Add(answer.GetProperty("last_error").GetInt32());
        }

        Assert.Equal([unchecked((int)0x80000002), unchecked((int)0x80000001), HiPkiRetCodes.PinLocked, HiPkiRetCodes.PinLocked], codes);
    }

    [Fact]
    public async Task With_several_demo_cards_and_no_reader_named_the_card_the_PIN_opens_signs()
    {
        using var cards = new DemoCards();
        using var issuer = new CardIssuer();
        var wang = issuer.IssueToFile(cards.Folder, "wang.p12", "123456", "王小明", "A123456789");
        await using var bridge = await cards.StartBridgeAsync();

        var answer = await bridge.SignAsync(new { tbs = "x", pin = "123456", withCardSN = true });
        Assert.Equal(0, answer.GetProperty("ret_code").GetInt32());
        Assert.Equal("wang", answer.GetProperty("cardSN").GetString());
        Assert.Equal(Convert.ToBase64String(wang.RawData), answer.GetProperty("certb64").GetString());

        answer = await bridge.SignAsync(new { tbs = "x", pin = DemoCards.Pin, withCardSN = true });
        Assert.Equal("chen", answer.GetProperty("cardSN").GetString());

        // A PIN that opens no card is a wrong PIN for the first card (chen.p12), never a signature.
        answer = await bridge.SignAsync(new { tbs = "x", pin = "999999" });
        Assert.Equal(HiPkiRetCodes.LoginFailed, answer.GetProperty("ret_code").GetInt32());
        Assert.Equal(unchecked((int)0x80000002), answer.GetProperty("last_error").GetInt32());
    }

    [Fact]
    public async Task An_empty_folder_means_no_card()
    {
        using var cards = new DemoCards();
        File.Delete(Path.Combine(cards.Folder, DemoCards.FileName));
        await using var bridge = await cards.StartBridgeAsync();

        Assert.Empty((await bridge.GetJsonAsync("/pkcs11info?withcert=true")).GetProperty("slots").EnumerateArray());
        Assert.Equal(HiPkiRetCodes.NoCard, (await bridge.SignAsync(new { tbs = "x", pin = DemoCards.Pin })).GetProperty("ret_code").GetInt32());
    }

    [Fact]
    public async Task A_middleware_failure_answers_with_a_ret_code_not_a_500()
    {
        using var cards = new DemoCards();
        await using var bridge = await cards.StartBridgeAsync();
        Directory.Delete(cards.Folder, recursive: true);

        Assert.Equal(HiPkiRetCodes.ReaderInfoFailed, (await bridge.GetJsonAsync("/pkcs11info?withcert=true")).GetProperty("ret_code").GetInt32());
        Assert.Equal(HiPkiRetCodes.SigningFailed, (await bridge.SignAsync(new { tbs = "x", pin = DemoCards.Pin })).GetProperty("ret_code").GetInt32());
    }
}
