using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using Laobao.CardBridge.Protocol;

namespace Laobao.CardBridge.Tests.Cards;

[Collection(SoftHsmCollection.Name)]
public sealed class Pkcs11BridgeTests(SoftHsm softHsm) : IDisposable
{
    private const string Tbs = "laobao:card-login:v1\norigin=https://desk.laobao.test\nnonce=q83vEjRWeJCrze8SNFZ4kKvN7xI0VniQq83vEjRWeJA=\nid=A123456789";
    private readonly CardIssuer issuer = new();

    [Fact]
    public async Task Pkcs11info_lists_the_card_and_its_signing_certificate()
    {
        var token = softHsm.NewToken();
        var card = issuer.IssueToToken(token);
        await using var bridge = await BridgeHost.StartPkcs11Async();

        var info = await bridge.GetJsonAsync("/pkcs11info?withcert=true");

        Assert.Equal("pkcs11info", info.GetProperty("func").GetString());
        Assert.Equal(0, info.GetProperty("ret_code").GetInt32());
        Assert.Equal("1.0.0", info.GetProperty("serverVersion").GetString());
        Assert.Equal("Implementation of PKCS11", info.GetProperty("libraryDescription").GetString());
        Assert.Matches(@"^\d+\.\d+$", info.GetProperty("libraryVersion").GetString());
        var slot = info.GetProperty("slots").EnumerateArray().Single(s => s.TryGetProperty("token", out var t) && t.GetProperty("label").GetString() == token);
        Assert.True(slot.GetProperty("slotID").GetUInt64() > 0);
        Assert.False(string.IsNullOrWhiteSpace(slot.GetProperty("token").GetProperty("serialNumber").GetString()));
        var certs = slot.GetProperty("token").GetProperty("certs").EnumerateArray().ToList();
        var signing = Assert.Single(certs, c => c.GetProperty("usage").GetString() == "digitalSignature");
        Assert.Equal(Convert.ToBase64String(card.RawData), signing.GetProperty("certb64").GetString());
        Assert.Equal(card.SerialNumber, signing.GetProperty("sn").GetString());
        Assert.Equal("MOICA demo signature", signing.GetProperty("label").GetString());
        Assert.Matches(@"^serialNumber=\d{16},CN=王小明,C=TW$", signing.GetProperty("subjectDN").GetString());
        Assert.Equal("OU=內政部憑證管理中心,O=行政院,C=TW", signing.GetProperty("issuerDN").GetString());
        Assert.Equal("6789", signing.GetProperty("subjectID").GetString());
        Assert.Equal(card.NotAfter.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture), signing.GetProperty("notAfter").GetString());
        Assert.Contains(certs, c => c.GetProperty("usage").GetString() == "keyCertSign|cRLSign");

        var probe = await bridge.GetJsonAsync("/pkcs11info");
        var probed = probe.GetProperty("slots").EnumerateArray().Single(s => s.GetProperty("slotDescription").GetString() == slot.GetProperty("slotDescription").GetString());
        Assert.False(probed.GetProperty("token").TryGetProperty("certs", out _));
    }

    [Fact]
    public async Task Sign_returns_CMS_that_verifies_with_the_issued_certificate()
    {
        var token = softHsm.NewToken();
        var card = issuer.IssueToToken(token);
        await using var bridge = await BridgeHost.StartPkcs11Async();
        var slot = await bridge.SlotOfAsync(token);

        var answer = await bridge.SignAsync(new
        {
            func = "MakeSignature", signatureType = "PKCS7", tbs = Tbs, tbsEncoding = "NONE", hashAlgorithm = "SHA256",
            pin = SoftHsm.Pin, nonce = "n-1", withCardSN = "true", slotDescription = slot,
        });

        Assert.Equal(0, answer.GetProperty("ret_code").GetInt32());
        Assert.Equal("sign", answer.GetProperty("func").GetString());
        var cms = new SignedCms();
        cms.Decode(Convert.FromBase64String(answer.GetProperty("signature").GetString()!));
        cms.CheckSignature(verifySignatureOnly: true);
        Assert.False(cms.Detached);
        Assert.Equal(Encoding.UTF8.GetBytes(Tbs), cms.ContentInfo.Content);
        var signer = Assert.Single(cms.SignerInfos.Cast<SignerInfo>());
        Assert.Equal("2.16.840.1.101.3.4.2.1", signer.DigestAlgorithm.Value);
        Assert.Equal(card.RawData, signer.Certificate!.RawData);
        Assert.Equal(card.RawData, Assert.Single(cms.Certificates).RawData);
        Assert.Equal(Convert.ToBase64String(card.RawData), answer.GetProperty("certb64").GetString());
        var serial = (await bridge.GetJsonAsync("/pkcs11info")).GetProperty("slots").EnumerateArray()
            .Single(s => s.GetProperty("slotDescription").GetString() == slot).GetProperty("token").GetProperty("serialNumber").GetString();
        Assert.Equal(serial, answer.GetProperty("cardSN").GetString());
    }

    [Fact]
    public async Task A_card_with_an_encryption_certificate_too_signs_with_its_digitalSignature_one()
    {
        // Real citizen cards carry a signing and an encryption key pair; the encryption one is stored first here.
        var token = softHsm.NewToken();
        var encryption = issuer.IssueToToken(token, "王小明", "A123456789", "--key-usage", "keyEncipherment,dataEncipherment", "--label", "MOICA demo encryption");
        var signing = issuer.IssueToToken(token);
        await using var bridge = await BridgeHost.StartPkcs11Async();
        var slot = await bridge.SlotOfAsync(token);

        var info = await bridge.GetJsonAsync("/pkcs11info?withcert=true");
        var certs = info.GetProperty("slots").EnumerateArray().Single(s => s.GetProperty("slotDescription").GetString() == slot)
            .GetProperty("token").GetProperty("certs").EnumerateArray().ToList();
        Assert.Contains(certs, c => c.GetProperty("usage").GetString() == "keyEncipherment|dataEncipherment" && c.GetProperty("sn").GetString() == encryption.SerialNumber);

        var answer = await Sign(bridge, slot, SoftHsm.Pin);
        Assert.Equal(0, answer.GetProperty("ret_code").GetInt32());
        Assert.Equal(Convert.ToBase64String(signing.RawData), answer.GetProperty("certb64").GetString());
        var cms = new SignedCms();
        cms.Decode(Convert.FromBase64String(answer.GetProperty("signature").GetString()!));
        cms.CheckSignature(verifySignatureOnly: true);
    }

    [Fact]
    public async Task Pkcs1_mode_returns_a_raw_RSA_signature_over_the_tbs()
    {
        var token = softHsm.NewToken();
        var card = issuer.IssueToToken(token);
        await using var bridge = await BridgeHost.StartPkcs11Async();
        var content = RandomNumberGenerator.GetBytes(48);

        var answer = await bridge.SignAsync(new
        {
            func = "MakeSignature", signatureType = "PKCS1", tbs = Convert.ToBase64String(content), tbsEncoding = "base64",
            hashAlgorithm = "SHA256", pin = SoftHsm.Pin, slotDescription = await bridge.SlotOfAsync(token),
        });

        Assert.Equal(0, answer.GetProperty("ret_code").GetInt32());
        Assert.Equal(string.Empty, answer.GetProperty("cardSN").GetString());
        using var key = card.GetRSAPublicKey()!;
        var signature = Convert.FromBase64String(answer.GetProperty("signature").GetString()!);
        Assert.Equal(256, signature.Length);
        Assert.True(key.VerifyData(content, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
    }

    [Fact]
    public async Task Wrong_PINs_count_down_then_lock_the_card_even_for_the_right_PIN()
    {
        var token = softHsm.NewToken();
        issuer.IssueToToken(token);
        await using var bridge = await BridgeHost.StartPkcs11Async();
        var slot = await bridge.SlotOfAsync(token);

        var first = await Sign(bridge, slot, "000000");
        Assert.Equal(HiPkiRetCodes.LoginFailed, first.GetProperty("ret_code").GetInt32());
        Assert.Equal(unchecked((int)0x80000002), first.GetProperty("last_error").GetInt32());
        Assert.Equal(string.Empty, first.GetProperty("signature").GetString());

        var second = await Sign(bridge, slot, "000001");
        Assert.Equal(unchecked((int)0x80000001), second.GetProperty("last_error").GetInt32());

        var third = await Sign(bridge, slot, "000002");
        Assert.Equal(HiPkiRetCodes.LoginFailed, third.GetProperty("ret_code").GetInt32());
        Assert.Equal(HiPkiRetCodes.PinLocked, third.GetProperty("last_error").GetInt32());

        var right = await Sign(bridge, slot, SoftHsm.Pin);
        Assert.Equal(HiPkiRetCodes.LoginFailed, right.GetProperty("ret_code").GetInt32());
        Assert.Equal(HiPkiRetCodes.PinLocked, right.GetProperty("last_error").GetInt32());
        Assert.Equal(string.Empty, right.GetProperty("signature").GetString());
    }

    [Fact]
    public async Task A_PIN_of_letters_and_digits_signs_counts_down_when_wrong_and_locks_on_the_third()
    {
        // MOICA PINs are 6 to 8 letters and digits; the card here has the PIN ab12cd34.
        const string pin = "ab12cd34";
        var token = softHsm.NewToken(pin);
        var card = issuer.IssueToTokenWithPin(token, pin);
        await using var bridge = await BridgeHost.StartPkcs11Async();
        var slot = await bridge.SlotOfAsync(token);

        var right = await Sign(bridge, slot, pin);
        Assert.Equal(0, right.GetProperty("ret_code").GetInt32());
        Assert.Equal(Convert.ToBase64String(card.RawData), right.GetProperty("certb64").GetString());

        // Typed on a full-width keyboard it is the same PIN.
        Assert.Equal(0, (await Sign(bridge, slot, "ａｂ１２ｃｄ３４")).GetProperty("ret_code").GetInt32());

        var first = await Sign(bridge, slot, "ab12cd35");
        Assert.Equal(HiPkiRetCodes.LoginFailed, first.GetProperty("ret_code").GetInt32());
        Assert.Equal(unchecked((int)0x80000002), first.GetProperty("last_error").GetInt32());
        var second = await Sign(bridge, slot, "AB12CD34");
        Assert.Equal(unchecked((int)0x80000001), second.GetProperty("last_error").GetInt32());
        var third = await Sign(bridge, slot, "zz99zz99");
        Assert.Equal(HiPkiRetCodes.LoginFailed, third.GetProperty("ret_code").GetInt32());
        Assert.Equal(HiPkiRetCodes.PinLocked, third.GetProperty("last_error").GetInt32());

        var locked = await Sign(bridge, slot, pin);
        Assert.Equal(HiPkiRetCodes.LoginFailed, locked.GetProperty("ret_code").GetInt32());
        Assert.Equal(HiPkiRetCodes.PinLocked, locked.GetProperty("last_error").GetInt32());
        Assert.Equal(string.Empty, locked.GetProperty("signature").GetString());
    }

    [Fact]
    public async Task A_full_width_digit_PIN_is_the_same_PIN()
    {
        const string pin = "246810";
        var token = softHsm.NewToken(pin);
        issuer.IssueToTokenWithPin(token, pin);
        await using var bridge = await BridgeHost.StartPkcs11Async();

        var answer = await Sign(bridge, await bridge.SlotOfAsync(token), "２４６８１０");

        Assert.Equal(0, answer.GetProperty("ret_code").GetInt32());
    }

    [Fact]
    public async Task A_right_PIN_resets_the_count_and_another_card_is_not_affected()
    {
        var token = softHsm.NewToken();
        var other = softHsm.NewToken();
        issuer.IssueToToken(token);
        issuer.IssueToToken(other, "林大同", "B120000008");
        await using var bridge = await BridgeHost.StartPkcs11Async();
        var slot = await bridge.SlotOfAsync(token);
        var otherSlot = await bridge.SlotOfAsync(other);

        await Sign(bridge, slot, "000000");
        await Sign(bridge, slot, "000000");
        Assert.Equal(0, (await Sign(bridge, slot, SoftHsm.Pin)).GetProperty("ret_code").GetInt32());
        Assert.Equal(unchecked((int)0x80000002), (await Sign(bridge, slot, "000000")).GetProperty("last_error").GetInt32());

        for (var i = 0; i < 3; i++)
        {
            await Sign(bridge, otherSlot, "999999");
        }

        Assert.Equal(HiPkiRetCodes.PinLocked, (await Sign(bridge, otherSlot, SoftHsm.Pin)).GetProperty("last_error").GetInt32());
        Assert.Equal(0, (await Sign(bridge, slot, SoftHsm.Pin)).GetProperty("ret_code").GetInt32());
    }

    [Fact]
    public async Task Neither_the_PIN_nor_the_signed_text_reaches_the_log()
    {
        var token = softHsm.NewToken();
        issuer.IssueToToken(token);
        await using var bridge = await BridgeHost.StartPkcs11Async();
        var slot = await bridge.SlotOfAsync(token);

        await Sign(bridge, slot, "654321");
        await Sign(bridge, slot, SoftHsm.Pin);

        Assert.NotEmpty(bridge.Logs);
        Assert.DoesNotContain(bridge.Logs, l => l.Contains(SoftHsm.Pin, StringComparison.Ordinal) || l.Contains("654321", StringComparison.Ordinal));
        Assert.DoesNotContain(bridge.Logs, l => l.Contains("A123456789", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_reader_without_that_card_answers_no_card()
    {
        await using var bridge = await BridgeHost.StartPkcs11Async();
        var answer = await bridge.SignAsync(new { tbs = Tbs, pin = SoftHsm.Pin, slotDescription = "No such reader 9" });

        Assert.Equal(HiPkiRetCodes.NoCard, answer.GetProperty("ret_code").GetInt32());
    }

    [Fact]
    public async Task A_missing_PKCS11_module_is_reported_not_thrown()
    {
        await using var bridge = await BridgeHost.StartAsync(new Dictionary<string, string?> { ["CardBridge:Pkcs11Module"] = Path.Combine(issuer.Folder, "missing.so") });

        Assert.Equal(HiPkiRetCodes.LibraryLoadFailed, (await bridge.GetJsonAsync("/pkcs11info?withcert=true")).GetProperty("ret_code").GetInt32());
        Assert.Equal(HiPkiRetCodes.LibraryLoadFailed, (await bridge.SignAsync(new { tbs = Tbs, pin = SoftHsm.Pin })).GetProperty("ret_code").GetInt32());
    }

    public void Dispose() => issuer.Dispose();

    private static Task<JsonElement> Sign(BridgeHost bridge, string slot, string pin) =>
        bridge.SignAsync(new { func = "MakeSignature", signatureType = "PKCS7", tbs = Tbs, tbsEncoding = "NONE", hashAlgorithm = "SHA256", pin, slotDescription = slot });
}
