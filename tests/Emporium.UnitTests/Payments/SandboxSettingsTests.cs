using Emporium.Payments.Gateway.Sandbox;
using Microsoft.Extensions.Configuration;

namespace Emporium.UnitTests.Payments;

public sealed class SandboxSettingsTests
{
    [Fact]
    public void No_settings_mean_no_faults()
    {
        var settings = SandboxSettings.From(new ConfigurationBuilder().Build());
        settings.LatencyMs.ShouldBe(0);
        settings.TimeoutRate.ShouldBe(0);
        settings.LostReplyRate.ShouldBe(0);
        var faults = new SandboxFaults(settings);
        Enumerable.Range(0, 1000).Any(_ => faults.TimesOut() || faults.LosesReply()).ShouldBeFalse();
    }

    [Fact]
    public void A_rate_of_one_is_always_and_a_seed_repeats_the_draws()
    {
        var always = new SandboxFaults(Settings(("TimeoutRate", "1"), ("LostReplyRate", "1")));
        Enumerable.Range(0, 1000).All(_ => always.TimesOut() && always.LosesReply()).ShouldBeTrue();

        static bool[] Draws()
        {
            var faults = new SandboxFaults(Settings(("TimeoutRate", "0.3"), ("Seed", "7")));
            return Enumerable.Range(0, 200).Select(_ => faults.TimesOut()).ToArray();
        }

        var first = Draws();
        Draws().ShouldBe(first);
        first.Count(t => t).ShouldBeInRange(30, 90);
    }

    [Theory]
    [InlineData("TimeoutRate", "1.5")]
    [InlineData("LostReplyRate", "-0.1")]
    [InlineData("LatencyMs", "soon")]
    public void Nonsense_settings_stop_the_host_at_start_up(string key, string value) =>
        Should.Throw<InvalidOperationException>(() => Settings((key, value))).Message.ShouldContain(key);

    private static SandboxSettings Settings(params (string Key, string Value)[] values) =>
        SandboxSettings.From(new ConfigurationBuilder()
            .AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(SandboxSettings.Section + ":" + v.Key, v.Value)))
            .Build());
}
