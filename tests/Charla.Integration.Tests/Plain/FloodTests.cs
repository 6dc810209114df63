using Charla.Integration.Tests.Support;

namespace Charla.Integration.Tests.Plain;

public sealed class FloodTests
{
    [Fact]
    public async Task A_flooder_is_told_then_disconnected_and_the_others_are_not_slowed()
    {
        await using var server = await TestServer.StartAsync(
            ("Limits:Flood:LinesPerSecond", "5"), ("Limits:Flood:Burst", "10"), ("Limits:Flood:ExcessLimit", "20"));
        var flooder = await server.ConnectAsync();
        var observer = await server.ConnectAsync();
        var talker = await server.ConnectAsync();
        await flooder.ExpectAsync($"* {observer.Nick} joined");
        await flooder.ExpectAsync($"* {talker.Nick} joined");
        await observer.ExpectAsync($"* {talker.Nick} joined");

        await flooder.SendAsync(string.Concat(Enumerable.Range(0, 200).Select(i => $"flood {i}\n")));

        var replies = await flooder.ReadToEndAsync();
        var acknowledged = replies.TakeWhile(r => r == "(OK)").Count();
        var refusals = replies.Skip(acknowledged).TakeWhile(r => r.StartsWith("(ERROR) You are sending too fast", StringComparison.Ordinal)).Count();
        Assert.InRange(acknowledged, 10, 12); // the burst, plus what the rate refilled meanwhile
        Assert.Equal(20, refusals);
        Assert.Equal("(ERROR) Disconnected: Excess Flood.", replies[^1]);
        Assert.Equal(acknowledged + refusals + 1, replies.Count);

        // Every acknowledged line was relayed, nothing else was, and the flooder's leaving was announced.
        var seen = await observer.ReadUntilAsync(l => l.StartsWith($"* {flooder.Nick} left", StringComparison.Ordinal));
        var relayed = seen.Where(l => l.StartsWith($"{flooder.Nick}: ", StringComparison.Ordinal)).ToList();
        Assert.Equal(Enumerable.Range(0, acknowledged).Select(i => $"{flooder.Nick}: flood {i}"), relayed);
        Assert.Equal($"* {flooder.Nick} left (Excess Flood)", seen[^1]);

        // The others chat on as before.
        await talker.SendLineAsync("business as usual");
        await talker.ReadUntilAsync(l => l == "(OK)");
        await observer.ExpectAsync($"{talker.Nick}: business as usual");
    }

    [Fact]
    public async Task Lines_at_a_human_rate_are_never_refused()
    {
        await using var server = await TestServer.StartAsync(
            ("Limits:Flood:LinesPerSecond", "5"), ("Limits:Flood:Burst", "10"));
        var typist = await server.ConnectAsync();

        for (var i = 0; i < 15; i++)
        {
            await typist.SendLineAsync($"line {i}");
            await typist.ExpectAsync("(OK)");
            await Task.Delay(250);
        }
    }
}
