package io.greenhub.sample.chat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

import io.greenhub.tcp.LineTransport;

import org.springframework.stereotype.Component;

/**
 * The chat's members, by nick. Every method returns at once: lines go into the members'
 * outboxes, never straight to a socket. A member whose outbox is full is too slow to keep
 * up and is dropped: its connection is closed and its nick freed. Control characters in
 * what members send (escape, carriage return, backspace and the like) are removed before
 * it is relayed, so that no member can move another's cursor, rewrite its screen or forge
 * a {@code * ...} line of the room's.
 */
@Component
public class ChatRoom {

	/** Lines a member may fall behind before it is dropped. */
	static final int OUTBOX_CAPACITY = 256;

	private static final Pattern NICK = Pattern.compile("[A-Za-z0-9_-]{1,20}");

	// Written under this room's lock (join, rename, leave); read by any green thread
	// (broadcast).
	private final Map<String, ChatMember> members = new ConcurrentHashMap<>();

	// Incremented under this room's lock by join; the number of the last guest nick
	// given.
	private final AtomicInteger guests = new AtomicInteger();

	/**
	 * Adds a member on a TCP connection, as {@link #join(ChatPeer)}.
	 * @param lines the member's connection
	 * @return the member
	 */
	ChatMember join(LineTransport lines) {
		return join(ChatPeer.of(lines));
	}

	/**
	 * Adds a member with a free {@code guest-<n>} nick, welcomes it and tells the others.
	 * @param peer the member's connection
	 * @return the member
	 */
	ChatMember join(ChatPeer peer) {
		ChatMember member;
		synchronized (this) {
			String nick;
			do {
				nick = "guest-" + this.guests.incrementAndGet();
			}
			while (this.members.containsKey(nick));
			member = new ChatMember(nick, OUTBOX_CAPACITY, peer);
			member.send("* welcome " + nick + "; /nick <name> renames you, /quit leaves");
			this.members.put(nick, member);
		}
		broadcast(member, "* " + member.nick() + " joined");
		return member;
	}

	/**
	 * Acts on one line from a member: {@code /quit} says bye, {@code /nick <name>}
	 * renames, another {@code /...} is answered with the commands, anything else is said
	 * to the others.
	 * @param member the member
	 * @param line the line
	 * @return {@code false} once the member has quit
	 */
	boolean hear(ChatMember member, String line) {
		if (line.equals("/quit")) {
			member.send("* bye");
			return false;
		}
		if (line.startsWith("/nick ")) {
			rename(member, line.substring("/nick ".length()).strip());
		}
		else if (line.startsWith("/")) {
			member.send("* unknown command; try /nick <name> or /quit");
		}
		else {
			say(member, line);
		}
		return true;
	}

	/**
	 * Renames the member if the nick is valid and free, and tells everyone; otherwise
	 * tells the member why not.
	 * @param member the member
	 * @param nick the new nick
	 */
	void rename(ChatMember member, String nick) {
		if (!NICK.matcher(nick).matches()) {
			member.send("* a nick is 1 to 20 letters, digits, '-' or '_', was: '" + nick + "'");
			return;
		}
		String old;
		synchronized (this) {
			if (this.members.containsKey(nick)) {
				member.send("* nick '" + nick + "' is taken");
				return;
			}
			old = member.nick();
			this.members.remove(old, member);
			member.rename(nick);
			this.members.put(nick, member);
		}
		member.send("* you are now " + nick);
		broadcast(member, "* " + old + " is now " + nick);
	}

	/**
	 * Removes the member, closes its outbox and tells the others; does nothing the second
	 * time.
	 * @param member the member
	 */
	void leave(ChatMember member) {
		remove(member, false);
	}

	/**
	 * Queues a member's line for every other member, as {@code nick: text}, without its
	 * control characters; nothing if the sender was dropped.
	 * @param from the sender
	 * @param text what it said
	 */
	void say(ChatMember from, String text) {
		String clean = withoutControlCharacters(text);
		if (!clean.isBlank()) {
			broadcast(from, from.nick() + ": " + clean);
		}
	}

	/**
	 * Queues the line for every member but the sender, nothing if the sender was dropped;
	 * drops the members that cannot keep up.
	 * @param from the sender
	 * @param line the line
	 */
	void broadcast(ChatMember from, String line) {
		if (!from.isDropped()) {
			relay(from, line);
		}
	}

	private void relay(ChatMember from, String line) {
		for (ChatMember member : this.members.values()) {
			if (member != from && !member.send(line)) {
				drop(member);
			}
		}
	}

	/** Drops a member that cannot keep up: its connection closes at once. */
	private void drop(ChatMember member) {
		remove(member, true);
	}

	private void remove(ChatMember member, boolean drop) {
		boolean removed;
		synchronized (this) {
			removed = this.members.remove(member.nick(), member);
		}
		if (drop) {
			member.drop();
		}
		else {
			member.close();
		}
		if (removed) {
			relay(member, "* " + member.nick() + (drop ? " was dropped: too far behind" : " left"));
		}
	}

	/**
	 * Removes the C0 and C1 control characters (escape, carriage return, backspace, bell,
	 * delete, ...) and tabs become spaces.
	 * @param text a line from a member
	 * @return the line without them
	 */
	static String withoutControlCharacters(String text) {
		StringBuilder clean = new StringBuilder(text.length());
		text.codePoints().forEach((c) -> {
			if (c == '\t') {
				clean.append(' ');
			}
			else if (!Character.isISOControl(c) && Character.getType(c) != Character.FORMAT) {
				clean.appendCodePoint(c);
			}
		});
		return clean.toString();
	}

	/**
	 * Returns the nicks of the members now.
	 * @return the nicks
	 */
	public List<String> nicks() {
		return List.copyOf(this.members.keySet());
	}

}
