using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Laobao.CardBridge.Cards;

/// <summary>Where cards come from: a PKCS#11 module (real readers) or, for demos, PKCS#12 files.</summary>
public interface ICardBackend
{
    /// <summary>Readers and the cards in them; certificates only when asked for.</summary>
    CardInventory List(bool withCertificates);

    /// <summary>
    /// Logs in to the card in <paramref name="slotDescription"/> (or the first card) with the PIN and hands
    /// its signing certificate and key to <paramref name="sign"/>.
    /// </summary>
    CardSignature Sign(string? slotDescription, string pin, Func<X509Certificate2, RSA, byte[]> sign);
}

public sealed record CardInventory(string LibraryDescription, string LibraryVersion, IReadOnlyList<CardSlot> Slots);

public sealed record CardSlot(string Description, ulong Id, CardToken? Token);

public sealed record CardToken(string SerialNumber, string Label, string Model, IReadOnlyList<CardCertificate>? Certificates);

public sealed record CardCertificate(string Label, X509Certificate2 Certificate);

public sealed record CardSignature(byte[] Signature, X509Certificate2 Certificate, string CardSerialNumber);
