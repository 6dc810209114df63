namespace Charla.Storage.Bans;

/// <summary>What a server ban matches.</summary>
public enum BanKind
{
    /// <summary>A user@host mask with wildcards (IRC KLINE); the host part may be an address or a network (CIDR).</summary>
    UserHost = 1,

    /// <summary>An address or a network in CIDR form (IRC DLINE), refused before it can say anything.</summary>
    Address = 2,
}

/// <summary>One server ban: what it matches, why, who set it and when, and until when (null: until removed).</summary>
public sealed record ServerBan(BanKind Kind, string Mask, string Reason, string SetBy, DateTimeOffset SetAt, DateTimeOffset? Expires)
{
    /// <summary>Whether the ban still holds at <paramref name="now"/>.</summary>
    public bool IsActive(DateTimeOffset now) => Expires is not { } expires || now < expires;
}
