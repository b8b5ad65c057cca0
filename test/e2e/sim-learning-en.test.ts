// The learning-family journey in the simulator, in English (see sim-learning.ts).
import { learningJourneyInSimulator } from "./sim-learning.ts";

learningJourneyInSimulator("en");
