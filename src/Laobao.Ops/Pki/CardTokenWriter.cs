using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Net.Pkcs11Interop.Common;
using Net.Pkcs11Interop.HighLevelAPI;
using Net.Pkcs11Interop.HighLevelAPI.Factories;

namespace Laobao.Ops.Pki;

/// <summary>Which PKCS#11 token receives a card: the module, the token's label and its user PIN.</summary>
public sealed record TokenTarget(string ModulePath, string TokenLabel, string Pin);

/// <summary>
/// Puts a card certificate and its private key onto a PKCS#11 token (SoftHSM2 in development) the way
/// a MOICA card holds them: a non-extractable signing key, its public key and certificate sharing one
/// CKA_ID and label, and the issuing CA's certificate beside them.
/// </summary>
public static class CardTokenWriter
{
    public const string DefaultObjectLabel = "MOICA demo signature";
    public const string IssuerObjectLabel = "MOICA demo CA";

    public static void Write(TokenTarget target, X509Certificate2 card, X509Certificate2? issuer, string objectLabel = DefaultObjectLabel)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(card);
        ArgumentException.ThrowIfNullOrWhiteSpace(objectLabel);
        using var key = card.GetRSAPrivateKey() ?? throw new PkiException("the card certificate carries no RSA private key");
        var parameters = key.ExportParameters(includePrivateParameters: true);
        var id = card.Extensions.OfType<X509SubjectKeyIdentifierExtension>().FirstOrDefault()?.SubjectKeyIdentifierBytes.ToArray()
            ?? SHA1.HashData(parameters.Modulus!);

        Laobao.Pkcs11.Pkcs11Native.EnsureResolver();
        var factories = new Pkcs11InteropFactories();
        IPkcs11Library library;
        try
        {
            library = factories.Pkcs11LibraryFactory.LoadPkcs11Library(factories, target.ModulePath, AppType.MultiThreaded);
        }
        catch (Exception e) when (e is Pkcs11Exception or UnmanagedException or DllNotFoundException or ArgumentException)
        {
            throw new PkiException($"the PKCS#11 module '{target.ModulePath}' cannot be loaded ({e.Message}); install softhsm2 or give --module", e);
        }

        using (library)
        {
            var slot = FindSlot(library, target.TokenLabel);
            using var session = slot.OpenSession(SessionType.ReadWrite);
            try
            {
                session.Login(CKU.CKU_USER, target.Pin);
            }
            catch (Pkcs11Exception e) when (e.RV is CKR.CKR_PIN_INCORRECT or CKR.CKR_PIN_LEN_RANGE)
            {
                throw new PkiException($"the PIN of token '{target.TokenLabel}' is wrong", e);
            }
            catch (Pkcs11Exception e) when (e.RV is CKR.CKR_PIN_LOCKED)
            {
                throw new PkiException($"token '{target.TokenLabel}' is locked", e);
            }

            var attributes = factories.ObjectAttributeFactory;
            var subject = card.SubjectName.RawData;
            session.CreateObject(TokenObject(attributes, CKO.CKO_PRIVATE_KEY, isPrivate: true, objectLabel, id, subject,
            [
                attributes.Create(CKA.CKA_KEY_TYPE, CKK.CKK_RSA),
                attributes.Create(CKA.CKA_SENSITIVE, true),
                attributes.Create(CKA.CKA_EXTRACTABLE, false),
                attributes.Create(CKA.CKA_SIGN, true),
                attributes.Create(CKA.CKA_DECRYPT, false),
                attributes.Create(CKA.CKA_MODULUS, parameters.Modulus!),
                attributes.Create(CKA.CKA_PUBLIC_EXPONENT, parameters.Exponent!),
                attributes.Create(CKA.CKA_PRIVATE_EXPONENT, parameters.D!),
                attributes.Create(CKA.CKA_PRIME_1, parameters.P!),
                attributes.Create(CKA.CKA_PRIME_2, parameters.Q!),
                attributes.Create(CKA.CKA_EXPONENT_1, parameters.DP!),
                attributes.Create(CKA.CKA_EXPONENT_2, parameters.DQ!),
                attributes.Create(CKA.CKA_COEFFICIENT, parameters.InverseQ!),
            ]));
            session.CreateObject(TokenObject(attributes, CKO.CKO_PUBLIC_KEY, isPrivate: false, objectLabel, id, subject,
            [
                attributes.Create(CKA.CKA_KEY_TYPE, CKK.CKK_RSA),
                attributes.Create(CKA.CKA_VERIFY, true),
                attributes.Create(CKA.CKA_MODULUS, parameters.Modulus!),
                attributes.Create(CKA.CKA_PUBLIC_EXPONENT, parameters.Exponent!),
            ]));
            session.CreateObject(CertificateObject(attributes, card, objectLabel, id));
            if (issuer is not null)
            {
                session.CreateObject(CertificateObject(attributes, issuer, IssuerObjectLabel, id: null));
            }

            session.Logout();
        }
    }

    private static ISlot FindSlot(IPkcs11Library library, string tokenLabel)
    {
        var slots = library.GetSlotList(SlotsType.WithTokenPresent);
        var labels = new List<string>();
        foreach (var slot in slots)
        {
            var label = slot.GetTokenInfo().Label.Trim();
            if (label == tokenLabel)
            {
                return slot;
            }

            labels.Add(label);
        }

        var present = labels.Count == 0 ? "no initialised token is present" : "tokens present: " + string.Join(", ", labels);
        throw new PkiException($"no token labelled '{tokenLabel}' ({present})");
    }

    private static List<IObjectAttribute> CertificateObject(IObjectAttributeFactory attributes, X509Certificate2 certificate, string label, byte[]? id)
    {
        var serial = new AsnWriter(AsnEncodingRules.DER);
        serial.WriteIntegerUnsigned(certificate.SerialNumberBytes.Span);
        return TokenObject(attributes, CKO.CKO_CERTIFICATE, isPrivate: false, label, id, certificate.SubjectName.RawData,
        [
            attributes.Create(CKA.CKA_CERTIFICATE_TYPE, CKC.CKC_X_509),
            attributes.Create(CKA.CKA_ISSUER, certificate.IssuerName.RawData),
            attributes.Create(CKA.CKA_SERIAL_NUMBER, serial.Encode()),
            attributes.Create(CKA.CKA_VALUE, certificate.RawData),
        ]);
    }

    /// <summary>
    /// A token object with what every object of a card shares (class, on-token, private or not, label, subject, and
    /// the CKA_ID that ties key and certificate together, where there is one) plus the attributes of its kind.
    /// </summary>
    private static List<IObjectAttribute> TokenObject(
        IObjectAttributeFactory attributes, CKO objectClass, bool isPrivate, string label, byte[]? id, byte[] subject, IEnumerable<IObjectAttribute> kindAttributes)
    {
        List<IObjectAttribute> list =
        [
            attributes.Create(CKA.CKA_CLASS, objectClass),
            attributes.Create(CKA.CKA_TOKEN, true),
            attributes.Create(CKA.CKA_PRIVATE, isPrivate),
            attributes.Create(CKA.CKA_LABEL, label),
            attributes.Create(CKA.CKA_SUBJECT, subject),
            .. kindAttributes,
        ];
        if (id is not null)
        {
            list.Add(attributes.Create(CKA.CKA_ID, id));
        }

        return list;
    }
}
