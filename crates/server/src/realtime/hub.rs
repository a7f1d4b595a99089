//! The WebSocket connections of this process, by user. Held in AppState.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;

use tokio::sync::mpsc::UnboundedSender;
use uuid::Uuid;

/// The open connections of one user: (connection id, frame sender).
type Connections = Vec<(u64, UnboundedSender<String>)>;

#[derive(Default)]
pub struct ChatHub {
    next_id: AtomicU64,
    connections: Mutex<HashMap<Uuid, Connections>>,
}

impl ChatHub {
    /// Registers a connection unless the user already has `limit` open;
    /// the check and the registration are one step, so concurrent opens
    /// cannot pass the limit.
    pub fn try_join(&self, user: Uuid, sender: UnboundedSender<String>, limit: usize) -> Option<u64> {
        let mut connections = self.connections.lock().unwrap_or_else(|e| e.into_inner());
        let list = connections.entry(user).or_default();
        if list.len() >= limit {
            return None;
        }
        let id = self.next_id.fetch_add(1, Ordering::Relaxed);
        list.push((id, sender));
        Some(id)
    }

    pub fn leave(&self, user: Uuid, id: u64) {
        let mut connections = self.connections.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(list) = connections.get_mut(&user) {
            list.retain(|(conn, _)| *conn != id);
            if list.is_empty() {
                connections.remove(&user);
            }
        }
    }

    /// Drops every connection of `user`; each socket then closes.
    pub fn disconnect(&self, user: Uuid) {
        self.connections.lock().unwrap_or_else(|e| e.into_inner()).remove(&user);
    }

    pub fn is_connected(&self, user: Uuid) -> bool {
        self.connections
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .contains_key(&user)
    }

    /// Sends a text frame to every open connection of `user`.
    pub fn send(&self, user: Uuid, text: &str) {
        let mut connections = self.connections.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(list) = connections.get_mut(&user) {
            list.retain(|(_, sender)| sender.send(text.to_owned()).is_ok());
        }
    }

    pub fn connection_count(&self) -> usize {
        self.connections
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .values()
            .map(Vec::len)
            .sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frames_reach_every_connection_of_the_user() {
        let hub = ChatHub::default();
        let user = Uuid::new_v4();
        let (a, mut ra) = tokio::sync::mpsc::unbounded_channel();
        let (b, mut rb) = tokio::sync::mpsc::unbounded_channel();
        let first = hub.try_join(user, a, 20).unwrap();
        hub.try_join(user, b, 20).unwrap();
        hub.send(user, "hi");
        assert_eq!(ra.try_recv().unwrap(), "hi");
        assert_eq!(rb.try_recv().unwrap(), "hi");
        hub.leave(user, first);
        assert_eq!(hub.connection_count(), 1);
        hub.send(Uuid::new_v4(), "nobody");
        assert!(hub.is_connected(user));
    }

    #[test]
    fn a_user_may_hold_only_so_many_connections() {
        let hub = ChatHub::default();
        let user = Uuid::new_v4();
        let (tx, _rx) = tokio::sync::mpsc::unbounded_channel();
        let first = hub.try_join(user, tx.clone(), 2).unwrap();
        assert!(hub.try_join(user, tx.clone(), 2).is_some());
        assert!(hub.try_join(user, tx.clone(), 2).is_none());
        assert!(hub.try_join(Uuid::new_v4(), tx.clone(), 2).is_some());
        hub.leave(user, first);
        assert!(hub.try_join(user, tx, 2).is_some());
    }
}
