namespace Charla.Protocols.Plain.Commands;

/// <summary>The plain-mode commands by name (case-insensitive).</summary>
public sealed class PlainCommandTable
{
    public static readonly PlainCommandTable Default = new();

    private readonly Dictionary<string, IPlainCommand> _byName;
    private readonly IPlainCommand[] _inHelpOrder;

    private PlainCommandTable()
    {
        _inHelpOrder =
        [
            new NickCommand(),
            new WhoCommand(),
            new MeCommand(),
            new MsgCommand(),
            new HistoryCommand(),
            new SearchCommand(),
            new KickCommand(),
            LobbyListCommand.Mute,
            LobbyListCommand.Unmute,
            LobbyListCommand.Ban,
            LobbyListCommand.Unban,
            new HelpCommand(() => _inHelpOrder!),
            new QuitCommand(),
        ];
        _byName = _inHelpOrder.ToDictionary(c => c.Name, StringComparer.OrdinalIgnoreCase);
    }

    public IPlainCommand? Find(string name) => _byName.GetValueOrDefault(name);
}
