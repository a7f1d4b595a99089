mod chat_journey;
mod mentorship_journey;
mod mini_journey;
mod preferences_journey;
mod session_journey;
mod sign_up_journey;
