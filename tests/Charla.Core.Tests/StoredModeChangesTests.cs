using Charla.Core.Channels;
using Charla.Core.History;

namespace Charla.Core.Tests;

public sealed class StoredModeChangesTests
{
    [Fact]
    public void Changes_are_stored_by_name_and_read_back_the_same()
    {
        ModeChange[] changes = [new(true, ChannelSetting.Moderated), new(false, ChannelSetting.Key, "sesame"), new(true, ChannelSetting.Ban, "*!*@spam.example")];

        var stored = StoredModeChanges.Format(changes);

        Assert.Equal("+Moderated -Key=sesame +Ban=*!*@spam.example", stored);
        Assert.Equal(changes, StoredModeChanges.Parse(stored));
    }

    [Fact]
    public void A_change_this_build_does_not_know_is_skipped()
    {
        Assert.Equal([new ModeChange(true, ChannelSetting.Secret)], StoredModeChanges.Parse("+Secret +Unheard=1 ?Secret -42 +"));
    }
}
