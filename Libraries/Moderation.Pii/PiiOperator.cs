namespace Moderation.Pii;

/// <summary>What <see cref="PiiAnonymizer.Apply"/> does to each value.</summary>
public enum PiiOperator
{
    /// <summary>The value becomes its label: <c>010-1234-5678</c> → <c>PHONE_NUMBER</c>.</summary>
    Placeholder,

    /// <summary>Digits and letters become <c>*</c> except a few kept per label (README); separators stay, so the shape stays.</summary>
    Mask,

    /// <summary>The value is removed; the text around it is left exactly as it was.</summary>
    Redact,
}
