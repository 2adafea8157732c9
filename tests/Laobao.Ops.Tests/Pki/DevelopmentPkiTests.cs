using System.Formats.Asn1;
using System.Numerics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Laobao.Ops.Pki;
using Laobao.Tests.Shared;
using Microsoft.Extensions.Time.Testing;

namespace Laobao.Ops.Tests.Pki;

public sealed class DevelopmentPkiTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 9, 30, 0, TimeSpan.Zero);

    [Fact]
    public void Issued_card_certificate_has_every_element_of_the_MOICA_profile()
    {
        using var pki = DevelopmentPki.Create(DevelopmentPkiSettings.ForBaseUrl("http://127.0.0.1:5080/crl/", "http://127.0.0.1:5080/ocsp"), new FakeTimeProvider(Now));
        using var card = pki.IssueCard(new CardCertificateRequest("王小明", "A123456789") { SubjectSerialNumber = "0000000112831644" });

        using var key = card.GetRSAPublicKey();
        Assert.NotNull(key);
        Assert.Equal(2048, key.KeySize);
        Assert.Equal("1.2.840.113549.1.1.11", card.SignatureAlgorithm.Value);
        Assert.True(card.HasPrivateKey);

        var subject = card.SubjectName.EnumerateRelativeDistinguishedNames().Select(r => (r.GetSingleElementType().Value, r.GetSingleElementValue())).ToList();
        Assert.Equal([("2.5.4.6", "TW"), ("2.5.4.3", "王小明"), ("2.5.4.5", "0000000112831644")], subject);

        var issuer = card.IssuerName.EnumerateRelativeDistinguishedNames().Select(r => (r.GetSingleElementType().Value, r.GetSingleElementValue())).ToList();
        Assert.Equal([("2.5.4.6", "TW"), ("2.5.4.10", "行政院"), ("2.5.4.11", "內政部憑證管理中心")], issuer);

        var keyUsage = Assert.IsType<X509KeyUsageExtension>(card.Extensions["2.5.29.15"]);
        Assert.True(keyUsage.Critical);
        Assert.Equal(X509KeyUsageFlags.DigitalSignature, keyUsage.KeyUsages);

        Assert.Equal(["2.16.886.101.0.3.3"], MoicaProfile.ReadPolicies(card));
        Assert.Equal("6789", MoicaProfile.ReadLastFour(card));
        AssertLastFourEncoding(card, "6789");

        var crl = card.Extensions["2.5.29.31"];
        Assert.NotNull(crl);
        Assert.Contains("http://127.0.0.1:5080/crl/moica-demo.crl", System.Text.Encoding.ASCII.GetString(crl.RawData), StringComparison.Ordinal);
        var aia = Assert.IsType<X509AuthorityInformationAccessExtension>(card.Extensions["1.3.6.1.5.5.7.1.1"]);
        Assert.Equal(["http://127.0.0.1:5080/ocsp"], aia.EnumerateOcspUris());
    }

    [Fact]
    public void Request_options_bend_the_profile_for_negative_tests()
    {
        using var pki = DevelopmentPki.Create(DevelopmentPkiSettings.Default, new FakeTimeProvider(Now));
        using var card = pki.IssueCard(new CardCertificateRequest("Chen", "A123456789")
        {
            KeyUsage = X509KeyUsageFlags.KeyEncipherment,
            Policies = ["1.2.3.4"],
            LastFour = "0000",
            CrlUrl = string.Empty,
            NotBefore = Now.AddYears(-3),
            NotAfter = Now.AddYears(-1),
        });

        Assert.Equal(X509KeyUsageFlags.KeyEncipherment, Assert.IsType<X509KeyUsageExtension>(card.Extensions["2.5.29.15"]).KeyUsages);
        Assert.Equal(["1.2.3.4"], MoicaProfile.ReadPolicies(card));
        Assert.Equal("0000", MoicaProfile.ReadLastFour(card));
        Assert.Null(card.Extensions["2.5.29.31"]);
        Assert.Null(card.Extensions["1.3.6.1.5.5.7.1.1"]);
        Assert.Equal(Now.AddYears(-1).UtcDateTime, card.NotAfter.ToUniversalTime());

        using var bare = pki.IssueCard(new CardCertificateRequest("Chen", "A123456789") { Policies = [], IncludeLastFour = false });
        Assert.Empty(MoicaProfile.ReadPolicies(bare));
        Assert.Null(MoicaProfile.ReadLastFour(bare));
    }

    [Fact]
    public void Validity_outside_the_intermediate_is_refused_with_a_sentence()
    {
        using var pki = DevelopmentPki.Create(DevelopmentPkiSettings.Default, new FakeTimeProvider(Now));
        var e = Assert.Throws<PkiException>(() => pki.IssueCard(new CardCertificateRequest("Chen", "A123456789") { NotAfter = Now.AddYears(60) }));
        Assert.Contains("outside the demo MOICA", e.Message, StringComparison.Ordinal);
        Assert.Throws<PkiException>(() => pki.IssueCard(new CardCertificateRequest("Chen", "A1")));
    }

    [Fact]
    public void Revoked_serial_appears_in_the_CRL_with_its_update_times()
    {
        using var pki = DevelopmentPki.Create(DevelopmentPkiSettings.Default, new FakeTimeProvider(Now));
        using var kept = pki.IssueCard(new CardCertificateRequest("甲", "A123456789"));
        using var revoked = pki.IssueCard(new CardCertificateRequest("乙", "B123456789"));

        pki.Revoke(revoked.SerialNumber.ToLowerInvariant());
        var crl = CrlContents.Parse(pki.CreateMoicaCrl(Now, Now.AddDays(2)));

        Assert.Equal([revoked.SerialNumber], crl.RevokedSerials);
        Assert.Equal(Now, crl.ThisUpdate);
        Assert.Equal(Now.AddDays(2), crl.NextUpdate);
        Assert.Empty(CrlContents.Parse(pki.CreateRootCrl()).RevokedSerials);
    }

    [Fact]
    public void Revoking_an_unknown_or_already_revoked_serial_says_so()
    {
        using var pki = DevelopmentPki.Create(DevelopmentPkiSettings.Default, new FakeTimeProvider(Now));
        using var card = pki.IssueCard(new CardCertificateRequest("甲", "A123456789"));

        Assert.Contains("not issued", Assert.Throws<PkiException>(() => pki.Revoke("0A0B")).Message, StringComparison.Ordinal);
        Assert.Contains("not a hexadecimal", Assert.Throws<PkiException>(() => pki.Revoke("xyz")).Message, StringComparison.Ordinal);
        pki.Revoke(card.SerialNumber);
        Assert.Contains("already revoked", Assert.Throws<PkiException>(() => pki.Revoke(card.SerialNumber)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_PKI_kept_in_a_folder_loads_back_with_its_keys_issued_and_revoked_serials_and_CRL_number()
    {
        var folder = Directory.CreateTempSubdirectory("laobao-pki-").FullName;
        try
        {
            var time = new FakeTimeProvider(Now);
            string serial;
            BigInteger firstNumber;
            using (var created = DevelopmentPki.Init(Path.Combine(folder, "pki"), DevelopmentPkiSettings.Default, time))
            {
                using var card = created.IssueCard(new CardCertificateRequest("甲", "A123456789"));
                serial = card.SerialNumber;
                CertificateRevocationListBuilder.Load(created.CreateMoicaCrl(), out firstNumber);
            }

            using var loaded = DevelopmentPki.Load(Path.Combine(folder, "pki"), time);
            Assert.True(loaded.Root.HasPrivateKey && loaded.Intermediate.HasPrivateKey);
            Assert.Equal([serial], loaded.Issued);
            loaded.Revoke(serial);
            var crl = loaded.CreateMoicaCrl();
            CertificateRevocationListBuilder.Load(crl, out var secondNumber);
            Assert.True(secondNumber > firstNumber);
            Assert.Equal([serial], CrlContents.Parse(crl).RevokedSerials);

            using var again = DevelopmentPki.Load(Path.Combine(folder, "pki"), time);
            Assert.Equal(serial, Assert.Single(again.Revoked).Serial);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Chain_to_the_demo_root_validates_and_reports_a_revoked_card_from_the_served_CRL()
    {
        await using var server = new LoopbackCrlServer();
        using var pki = DevelopmentPki.Create(DevelopmentPkiSettings.ForBaseUrl(server.BaseUrl), TimeProvider.System);
        using var good = pki.IssueCard(new CardCertificateRequest("甲", "A123456789"));
        using var bad = pki.IssueCard(new CardCertificateRequest("乙", "B123456789"));
        pki.Revoke(bad.SerialNumber);
        server.Publish(DevelopmentPkiSettings.MoicaCrlFileName, pki.CreateMoicaCrl());
        server.Publish(DevelopmentPkiSettings.RootCrlFileName, pki.CreateRootCrl());

        Assert.Empty(BuildChain(pki, good, X509RevocationMode.Online));
        Assert.Contains(X509ChainStatusFlags.Revoked, BuildChain(pki, bad, X509RevocationMode.Online));
        Assert.Empty(BuildChain(pki, bad, X509RevocationMode.NoCheck));
    }

    [Fact]
    public void Chain_through_a_look_alike_MOICA_with_another_key_is_not_trusted()
    {
        using var pki = DevelopmentPki.Create(DevelopmentPkiSettings.Default, TimeProvider.System);
        using var other = DevelopmentPki.Create(DevelopmentPkiSettings.Default, TimeProvider.System);
        using var card = other.IssueCard(new CardCertificateRequest("甲", "A123456789"));

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(pki.Root);
        chain.ChainPolicy.ExtraStore.Add(pki.Intermediate);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.DisableCertificateDownloads = true;
        Assert.False(chain.Build(card));
    }

    private static List<X509ChainStatusFlags> BuildChain(DevelopmentPki pki, X509Certificate2 card, X509RevocationMode mode)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(pki.Root);
        chain.ChainPolicy.ExtraStore.Add(pki.Intermediate);
        chain.ChainPolicy.RevocationMode = mode;
        chain.ChainPolicy.DisableCertificateDownloads = true;
        chain.Build(card);
        return [.. chain.ChainStatus.Select(s => s.Status).Where(s => s != X509ChainStatusFlags.NoError).Distinct()];
    }

    private static void AssertLastFourEncoding(X509Certificate2 card, string expected)
    {
        // SEQUENCE { SEQUENCE { OID 2.16.886.1.100.2.51, SET { IA5String } } }
        var extension = card.Extensions["2.5.29.9"];
        Assert.NotNull(extension);
        Assert.False(extension.Critical);
        var attributes = new AsnReader(extension.RawData, AsnEncodingRules.DER).ReadSequence();
        var attribute = attributes.ReadSequence();
        Assert.Equal("2.16.886.1.100.2.51", attribute.ReadObjectIdentifier());
        Assert.Equal(expected, attribute.ReadSetOf().ReadCharacterString(UniversalTagNumber.IA5String));
        Assert.False(attributes.HasData);
    }
}
