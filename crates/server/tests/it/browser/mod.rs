mod mentorship_journey;
mod session_journey;
mod sign_up_journey;
