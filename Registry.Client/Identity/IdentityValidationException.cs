namespace Registry.Client.Identity;

/// <summary>An identifier (IIN, name or date of birth) broke a rule of the identity protocol v1 and cannot be hashed.</summary>
/// <remarks>
/// The message says which rule failed and how to fix it. It never contains the whole identifier, which is personal data;
/// it may show the offending part (the date digits, the expected and actual check digit, a character position).
/// </remarks>
public sealed class IdentityValidationException : ArgumentException
{
    private readonly string _message;

    /// <summary>Creates an exception for the broken <paramref name="rule"/>.</summary>
    /// <param name="rule">The stable rule code, one of <see cref="IdentityValidationRules"/>.</param>
    /// <param name="message">What is wrong and how to fix it, without the identifier itself.</param>
    /// <param name="argumentName">The name of the argument that holds the identifier (<see cref="ArgumentException.ParamName"/>).</param>
    /// <exception cref="ArgumentException"><paramref name="rule"/> is null or empty.</exception>
    public IdentityValidationException(string rule, string message, string? argumentName)
        : base(message, argumentName)
    {
        ArgumentException.ThrowIfNullOrEmpty(rule);
        Rule = rule;
        _message = message;
    }

    /// <summary>Gets what is wrong and how to fix it: the message alone, without <see cref="ArgumentException"/>'s
    /// <c>(Parameter '…')</c> suffix, since it is shown to people (the argument is in <see cref="ArgumentException.ParamName"/>).</summary>
    public override string Message => _message;

    /// <summary>Gets the stable code of the rule that failed.</summary>
    /// <value>One of the <see cref="IdentityValidationRules"/> constants, e.g. <c>IIN_CHECKSUM</c>.</value>
    public string Rule { get; }
}
