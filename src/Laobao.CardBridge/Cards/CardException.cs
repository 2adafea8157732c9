using Laobao.CardBridge.Protocol;

namespace Laobao.CardBridge.Cards;

/// <summary>A refusal with its HiPKI <c>ret_code</c> and <c>last_error</c>; the message is for the person (no PIN, no content).</summary>
public sealed class CardException : Exception
{
    public CardException()
        : this(HiPkiRetCodes.SigningFailed, "card error")
    {
    }

    public CardException(string message)
        : this(HiPkiRetCodes.SigningFailed, message)
    {
    }

    public CardException(string message, Exception innerException)
        : base(message, innerException) => RetCode = HiPkiRetCodes.SigningFailed;

    public CardException(int retCode, string message)
        : this(retCode, 0, message)
    {
    }

    public CardException(int retCode, int lastError, string message)
        : base(message)
    {
        RetCode = retCode;
        LastError = lastError;
    }

    public int RetCode { get; }

    public int LastError { get; }
}
