// Reads #lobby's history with irc-framework (the IRC library behind Kiwi IRC), driven by the tests.
//
// Usage: node chathistory.mjs HOST PORT NICK COUNT
//
// Registers as NICK asking for draft/chathistory (irc-framework asks for batch, server-time and
// message-tags itself), joins #lobby, sends CHATHISTORY LATEST #lobby * 10 and, when the library
// hands over the finished `chathistory` batch, prints the batch's target and then each PRIVMSG in
// it as "HISTORY <nick> <text> <time tag> <msgid tag>" (the tags as the library parsed them).
// Exits 0 if the batch held COUNT messages, 1 otherwise or after 60 seconds.
import IRC from 'irc-framework';

const [host, port, nick, count] = [process.argv[2], Number(process.argv[3]), process.argv[4], Number(process.argv[5])];
const client = new IRC.Client();
client.requestCap('draft/chathistory');
setTimeout(() => { console.log('TIMEOUT'); process.exit(1); }, 60_000).unref();

client.on('registered', () => client.join('#lobby'));
client.on('join', (event) => {
    if (event.nick === nick) {
        client.raw('CHATHISTORY LATEST #lobby * 10');
    }
});
client.on('batch end chathistory', (batch) => {
    console.log('BATCH', batch.params.join(' '));
    const messages = batch.commands.filter((c) => c.command === 'PRIVMSG');
    for (const message of messages) {
        console.log('HISTORY', message.nick, message.params[1], message.getTag('time'), message.getTag('msgid'));
    }
    process.exitCode = messages.length === count ? 0 : 1;
    client.quit('read it all');
});
client.on('close', () => process.exit());
client.connect({ host, port, nick, username: nick, gecos: 'irc-framework', auto_reconnect: false });
