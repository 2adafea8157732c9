using System.Formats.Asn1;
using System.Numerics;

namespace Laobao.Ops.Tests.Pki;

/// <summary>Reads the fields of a DER CRL (RFC 5280 §5.1) that the tests check.</summary>
internal sealed record CrlContents(DateTimeOffset ThisUpdate, DateTimeOffset? NextUpdate, IReadOnlyList<string> RevokedSerials)
{
    public static CrlContents Parse(byte[] der)
    {
        var crl = new AsnReader(der, AsnEncodingRules.DER).ReadSequence();
        var tbs = crl.ReadSequence();
        if (tbs.PeekTag().HasSameClassAndValue(Asn1Tag.Integer))
        {
            tbs.ReadInteger();
        }

        tbs.ReadSequence(); // signature algorithm
        tbs.ReadSequence(); // issuer
        var thisUpdate = ReadTime(tbs);
        DateTimeOffset? nextUpdate = null;
        if (tbs.HasData && (tbs.PeekTag().HasSameClassAndValue(Asn1Tag.UtcTime) || tbs.PeekTag().HasSameClassAndValue(Asn1Tag.GeneralizedTime)))
        {
            nextUpdate = ReadTime(tbs);
        }

        var serials = new List<string>();
        if (tbs.HasData && tbs.PeekTag().HasSameClassAndValue(Asn1Tag.Sequence))
        {
            var entries = tbs.ReadSequence();
            while (entries.HasData)
            {
                var entry = entries.ReadSequence();
                BigInteger serial = entry.ReadInteger();
                serials.Add(Convert.ToHexString(serial.ToByteArray(isUnsigned: true, isBigEndian: true)));
            }
        }

        return new CrlContents(thisUpdate, nextUpdate, serials);
    }

    private static DateTimeOffset ReadTime(AsnReader reader) =>
        reader.PeekTag().HasSameClassAndValue(Asn1Tag.UtcTime) ? reader.ReadUtcTime() : reader.ReadGeneralizedTime();
}
