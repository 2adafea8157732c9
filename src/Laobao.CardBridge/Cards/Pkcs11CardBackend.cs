using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Laobao.CardBridge.Protocol;
using Microsoft.Extensions.Options;
using Net.Pkcs11Interop.Common;
using Net.Pkcs11Interop.HighLevelAPI;
using ISession = Net.Pkcs11Interop.HighLevelAPI.ISession;

namespace Laobao.CardBridge.Cards;

/// <summary>
/// Cards through the middleware's PKCS#11 module. The module is loaded for each request and finalised
/// after it, so cards inserted or changed since the last call are seen, and one request at a time
/// talks to the readers (a card does one thing at a time anyway).
/// </summary>
public sealed class Pkcs11CardBackend(IOptions<CardBridgeOptions> options, PinGuard guard) : ICardBackend
{
    private readonly string modulePath = options.Value.Pkcs11Module ?? string.Empty;
    private readonly Lock gate = new();

    public CardInventory List(bool withCertificates)
    {
        lock (gate)
        {
            using var library = Load();
            try
            {
                var info = library.GetInfo();
                var slots = new List<CardSlot>();
                foreach (var slot in library.GetSlotList(SlotsType.WithOrWithoutTokenPresent))
                {
                    var slotInfo = slot.GetSlotInfo();
                    var token = slotInfo.SlotFlags.TokenPresent ? Token(slot, withCertificates) : null;
                    slots.Add(new CardSlot(slotInfo.SlotDescription.Trim(), slot.SlotId, token));
                }

                return new CardInventory(info.LibraryDescription.Trim(), info.LibraryVersion, slots);
            }
            catch (Pkcs11Exception e)
            {
                throw new CardException(HiPkiRetCodes.ReaderInfoFailed, (int)e.RV, "the card middleware failed while listing readers");
            }
        }
    }

    public CardSignature Sign(string? slotDescription, string pin, Func<X509Certificate2, RSA, byte[]> sign)
    {
        ArgumentNullException.ThrowIfNull(sign);
        lock (gate)
        {
            using var library = Load();
            var (slot, serial) = FindCard(library, slotDescription);
            guard.ThrowIfLocked(serial);

            using var session = slot.OpenSession(SessionType.ReadOnly);
            try
            {
                session.Login(CKU.CKU_USER, pin);
            }
            catch (Pkcs11Exception e) when (e.RV is CKR.CKR_PIN_INCORRECT)
            {
                throw guard.WrongPin(serial);
            }
            catch (Pkcs11Exception e) when (e.RV is CKR.CKR_PIN_LOCKED)
            {
                throw new CardException(HiPkiRetCodes.LoginFailed, HiPkiRetCodes.PinLocked, "the card is locked");
            }
            catch (Pkcs11Exception e) when (e.RV is CKR.CKR_PIN_LEN_RANGE)
            {
                throw new CardException(HiPkiRetCodes.LoginFailed, HiPkiRetCodes.PinLengthWrong, "the PIN has the wrong length for this card");
            }
            catch (Pkcs11Exception e)
            {
                throw new CardException(HiPkiRetCodes.LoginFailed, (int)e.RV, "the card refused the login");
            }

            guard.RightPin(serial);
            try
            {
                var (certificate, id) = SigningCertificate(session);
                var key = PrivateKey(session, id);
                using var publicKey = certificate.GetRSAPublicKey() ?? throw new CardException(HiPkiRetCodes.CertificateNotFound, "the signing certificate has no RSA key");
                using var rsa = new Pkcs11Rsa(session, key, publicKey.ExportParameters(false));
                return new CardSignature(sign(certificate, rsa), certificate, serial);
            }
            catch (Pkcs11Exception e)
            {
                throw new CardException(HiPkiRetCodes.SigningFailed, (int)e.RV, "the card failed while signing");
            }
            finally
            {
                Logout(session);
            }
        }
    }

    private static void Logout(ISession session)
    {
        try
        {
            session.Logout();
        }
        catch (Pkcs11Exception)
        {
            // Closing the session ends the login anyway; a failed logout must not hide the real outcome.
        }
    }

    private IPkcs11Library Load()
    {
        Laobao.Pkcs11.Pkcs11Native.EnsureResolver();
        var factories = new Pkcs11InteropFactories();
        try
        {
            return factories.Pkcs11LibraryFactory.LoadPkcs11Library(factories, modulePath, AppType.MultiThreaded);
        }
        catch (Exception e) when (e is Pkcs11Exception or UnmanagedException or DllNotFoundException or ArgumentException)
        {
            throw new CardException(HiPkiRetCodes.LibraryLoadFailed, "the card middleware (PKCS#11 module) cannot be loaded; check that it is installed");
        }
    }

    private static (ISlot Slot, string Serial) FindCard(IPkcs11Library library, string? slotDescription)
    {
        foreach (var slot in library.GetSlotList(SlotsType.WithTokenPresent))
        {
            if (slotDescription is not null && slot.GetSlotInfo().SlotDescription.Trim() != slotDescription.Trim())
            {
                continue;
            }

            var token = slot.GetTokenInfo();
            if (token.TokenFlags.TokenInitialized)
            {
                return (slot, token.SerialNumber.Trim());
            }
        }

        throw new CardException(HiPkiRetCodes.NoCard, slotDescription is null ? "no card is in a reader" : $"no card is in reader '{slotDescription}'");
    }

    private static CardToken? Token(ISlot slot, bool withCertificates)
    {
        var info = slot.GetTokenInfo();
        if (!info.TokenFlags.TokenInitialized)
        {
            return null;
        }

        List<CardCertificate>? certificates = null;
        if (withCertificates)
        {
            using var session = slot.OpenSession(SessionType.ReadOnly);
            certificates = [.. Certificates(session).Select(c => new CardCertificate(c.Label, c.Certificate))];
        }

        return new CardToken(info.SerialNumber.Trim(), info.Label.Trim(), info.Model.Trim(), certificates);
    }

    private static List<(string Label, byte[] Id, X509Certificate2 Certificate)> Certificates(ISession session)
    {
        var factory = session.Factories.ObjectAttributeFactory;
        var result = new List<(string, byte[], X509Certificate2)>();
        foreach (var handle in session.FindAllObjects([factory.Create(CKA.CKA_CLASS, CKO.CKO_CERTIFICATE), factory.Create(CKA.CKA_CERTIFICATE_TYPE, CKC.CKC_X_509)]))
        {
            var values = session.GetAttributeValue(handle, [CKA.CKA_LABEL, CKA.CKA_ID, CKA.CKA_VALUE]);
            try
            {
                var certificate = X509CertificateLoader.LoadCertificate(values[2].GetValueAsByteArray());
                result.Add((values[0].GetValueAsString() ?? string.Empty, values[1].GetValueAsByteArray() ?? [], certificate));
            }
            catch (CryptographicException)
            {
                // An object that is not a readable certificate is not listed.
            }
        }

        return result;
    }

    private static (X509Certificate2 Certificate, byte[] Id) SigningCertificate(ISession session)
    {
        var signing = Certificates(session).Find(c => CertificateDescription.IsSigning(c.Certificate) && c.Id.Length > 0);
        return signing.Certificate is null
            ? throw new CardException(HiPkiRetCodes.CertificateNotFound, "the card holds no signing (digitalSignature) certificate")
            : (signing.Certificate, signing.Id);
    }

    private static IObjectHandle PrivateKey(ISession session, byte[] id)
    {
        var factory = session.Factories.ObjectAttributeFactory;
        var keys = session.FindAllObjects([factory.Create(CKA.CKA_CLASS, CKO.CKO_PRIVATE_KEY), factory.Create(CKA.CKA_ID, id)]);
        return keys.Count > 0 ? keys[0] : throw new CardException(HiPkiRetCodes.KeyNotFound, "the card holds no private key for its signing certificate");
    }
}
