namespace Registry.Client.Tests;

public sealed class RegistryClientOptionsTests
{
    [Fact]
    public void Constructor_Defaults_AreDocumentedValues()
    {
        var sut = new RegistryClientOptions();

        Assert.Equal(RegistryClientOptions.ServiceVersion.V1, sut.Version);
        Assert.Equal(TimeSpan.FromSeconds(30), sut.Timeout);
        Assert.Equal(TimeSpan.FromSeconds(10), sut.AttemptTimeout);
        Assert.Equal(3, sut.MaxRetries);
        Assert.Equal(TimeSpan.FromMilliseconds(200), sut.RetryBaseDelay);
        Assert.True(sut.EnableCircuitBreaker);
        Assert.Equal(0.5, sut.CircuitBreakerFailureRatio);
        Assert.Equal(10, sut.CircuitBreakerMinimumThroughput);
        Assert.Equal(TimeSpan.FromSeconds(30), sut.CircuitBreakerSamplingDuration);
        Assert.Equal(TimeSpan.FromSeconds(5), sut.CircuitBreakerBreakDuration);
        Assert.Null(sut.LoggerFactory);
        Assert.Null(sut.MeterFactory);
        Assert.Same(TimeProvider.System, sut.TimeProvider);
        Assert.Null(sut.HttpHandler);
    }

    [Fact]
    public void RegistryClient_WithDefaultOptions_IsBuilt()
    {
        var sut = new RegistryClient(new Uri("http://localhost:5080"), new RegistryApiKeyCredential("rk_a_b"));

        Assert.Equal(new Uri("http://localhost:5080"), sut.Endpoint);
    }

    public static TheoryData<string, Action<RegistryClientOptions>> InvalidOptions => new()
    {
        { nameof(RegistryClientOptions.Timeout), o => o.Timeout = TimeSpan.Zero },
        { nameof(RegistryClientOptions.Timeout), o => o.Timeout = TimeSpan.FromDays(2) },
        { nameof(RegistryClientOptions.AttemptTimeout), o => o.AttemptTimeout = TimeSpan.FromMilliseconds(5) },
        { nameof(RegistryClientOptions.AttemptTimeout), o => o.AttemptTimeout = TimeSpan.FromSeconds(31) },
        { nameof(RegistryClientOptions.MaxRetries), o => o.MaxRetries = -1 },
        { nameof(RegistryClientOptions.MaxRetries), o => o.MaxRetries = 11 },
        { nameof(RegistryClientOptions.RetryBaseDelay), o => o.RetryBaseDelay = TimeSpan.FromMilliseconds(-1) },
        { nameof(RegistryClientOptions.RetryBaseDelay), o => o.RetryBaseDelay = TimeSpan.FromMinutes(2) },
        { nameof(RegistryClientOptions.CircuitBreakerFailureRatio), o => o.CircuitBreakerFailureRatio = 0 },
        { nameof(RegistryClientOptions.CircuitBreakerFailureRatio), o => o.CircuitBreakerFailureRatio = 1.01 },
        { nameof(RegistryClientOptions.CircuitBreakerFailureRatio), o => o.CircuitBreakerFailureRatio = double.NaN },
        { nameof(RegistryClientOptions.CircuitBreakerMinimumThroughput), o => o.CircuitBreakerMinimumThroughput = 1 },
        { nameof(RegistryClientOptions.CircuitBreakerMinimumThroughput), o => o.CircuitBreakerMinimumThroughput = 10_001 },
        { nameof(RegistryClientOptions.CircuitBreakerSamplingDuration), o => o.CircuitBreakerSamplingDuration = TimeSpan.FromMilliseconds(499) },
        { nameof(RegistryClientOptions.CircuitBreakerSamplingDuration), o => o.CircuitBreakerSamplingDuration = TimeSpan.FromDays(2) },
        { nameof(RegistryClientOptions.CircuitBreakerBreakDuration), o => o.CircuitBreakerBreakDuration = TimeSpan.FromMilliseconds(499) },
        { nameof(RegistryClientOptions.CircuitBreakerBreakDuration), o => o.CircuitBreakerBreakDuration = TimeSpan.FromDays(2) },
        { nameof(RegistryClientOptions.TimeProvider), o => o.TimeProvider = null! },
    };

    [Theory]
    [MemberData(nameof(InvalidOptions))]
    public void RegistryClient_InvalidOption_ThrowsArgumentExceptionNamingIt(string option, Action<RegistryClientOptions> invalidate)
    {
        var options = new RegistryClientOptions();
        invalidate(options);

        var ex = Assert.ThrowsAny<ArgumentException>(() => CreateSut(options));

        Assert.Equal(option, ex.ParamName);
    }

    [Fact]
    public void RegistryClient_UndefinedServiceVersion_Throws()
    {
        var options = new RegistryClientOptions((RegistryClientOptions.ServiceVersion)99);

        var ex = Assert.Throws<ArgumentException>(() => CreateSut(options));

        Assert.Equal(nameof(RegistryClientOptions.Version), ex.ParamName);
    }

    [Theory]
    [InlineData("ftp://localhost")]
    [InlineData("/relative")]
    public void RegistryClient_NonHttpEndpoint_Throws(string endpoint)
    {
        var uri = new Uri(endpoint, UriKind.RelativeOrAbsolute);

        var ex = Assert.Throws<ArgumentException>(() => new RegistryClient(uri, new RegistryApiKeyCredential("rk_a_b")));

        Assert.Equal("endpoint", ex.ParamName);
    }

    [Fact]
    public void RegistryClient_NullArguments_Throw()
    {
        var credential = new RegistryApiKeyCredential("rk_a_b");

        Assert.Throws<ArgumentNullException>(() => new RegistryClient(null!, credential));
        Assert.Throws<ArgumentNullException>(() => new RegistryClient(new Uri("http://localhost"), null!));
    }

    private static RegistryClient CreateSut(RegistryClientOptions options) =>
        new(new Uri("http://localhost:5080"), new RegistryApiKeyCredential("rk_a_b"), options);
}
