using System.Collections.Concurrent;
using Laobao.CardBridge.Protocol;
using Microsoft.Extensions.Options;

namespace Laobao.CardBridge.Cards;

/// <summary>
/// Counts wrong PINs per card serial number and refuses a card after <see cref="CardBridgeOptions.MaxWrongPins"/>
/// in a row until the bridge restarts, as a real card locks itself (SoftHSM and PKCS#12 files never do).
/// Only counts are kept, never a PIN.
/// </summary>
public sealed class PinGuard(IOptions<CardBridgeOptions> options)
{
    private readonly ConcurrentDictionary<string, int> wrongInARow = new(StringComparer.Ordinal);
    private readonly int limit = options.Value.MaxWrongPins;

    public bool IsLocked(string cardSerial) => wrongInARow.TryGetValue(cardSerial, out var count) && count >= limit;

    /// <summary>Throws the refusal for a locked card before its PIN is tried.</summary>
    public void ThrowIfLocked(string cardSerial)
    {
        if (IsLocked(cardSerial))
        {
            throw new CardException(HiPkiRetCodes.LoginFailed, HiPkiRetCodes.PinLocked, "this card is locked after too many wrong PINs; restart the card bridge after checking the PIN");
        }
    }

    /// <summary>Records a wrong PIN and returns the refusal to report (tries left, or locked).</summary>
    public CardException WrongPin(string cardSerial)
    {
        var count = wrongInARow.AddOrUpdate(cardSerial, 1, (_, c) => c + 1);
        var left = limit - count;
        return left > 0
            ? new CardException(HiPkiRetCodes.LoginFailed, HiPkiRetCodes.WrongPinTriesLeft(left), $"wrong PIN; {left} tries left before the card locks")
            : new CardException(HiPkiRetCodes.LoginFailed, HiPkiRetCodes.PinLocked, "wrong PIN; the card is now locked");
    }

    public void RightPin(string cardSerial) => wrongInARow.TryRemove(cardSerial, out _);
}
