mod mentorship_journey;
mod sign_up_journey;
